using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>A load generator's MQTT 3.1.1 connection on a plain socket: QoS 1 PUBLISH packets are packed into one
/// buffer and sent with one system call per batch, and PUBACKs are counted in bulk by a reader thread.</summary>
/// <remarks>A general client spends at least one system call on every packet it sends, which on two shared cores makes
/// the publisher, not the broker or the service, the limit of a benchmark. Only the load is generated this way; the
/// service uses its own client.</remarks>
internal sealed class WireGateway : IDisposable
{
    private const int SendBufferBytes = 64 * 1024;
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[SendBufferBytes];
    private readonly Thread _reader;
    private int _used;
    private ushort _packetId;
    private long _acknowledged;

    private WireGateway(Socket socket)
    {
        _socket = socket;
        _reader = new Thread(ReadAcknowledgements) { IsBackground = true, Name = "bench-puback-reader" };
    }

    /// <summary>PUBACKs received so far.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public static async Task<WireGateway> ConnectAsync(int port, string clientId, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        var id = Encoding.UTF8.GetBytes(clientId);
        // CONNECT: protocol "MQTT" level 4, clean session, keep-alive 0 (off: the run may pause between phases).
        byte[] variable = [0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 0];
        var connect = new List<byte> { 0x10 };
        AppendLength(connect, variable.Length + 2 + id.Length);
        connect.AddRange(variable);
        connect.Add((byte)(id.Length >> 8));
        connect.Add((byte)id.Length);
        connect.AddRange(id);
        await socket.SendAsync(connect.ToArray(), cancellationToken);
        var connack = new byte[4];
        var read = 0;
        while (read < connack.Length)
        {
            var n = await socket.ReceiveAsync(connack.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                throw new IOException("the broker closed the connection before CONNACK");
            }
            read += n;
        }
        if (connack[0] != 0x20 || connack[3] != 0)
        {
            throw new IOException($"the broker refused the connection (CONNACK return code {connack[3]})");
        }
        var gateway = new WireGateway(socket);
        gateway._reader.Start();
        return gateway;
    }

    /// <summary>Adds a QoS 1 PUBLISH to the batch, sending the batch first when it has no room left.</summary>
    public void Publish(ReadOnlySpan<byte> topic, ReadOnlySpan<byte> payload)
    {
        var remaining = 2 + topic.Length + 2 + payload.Length;
        var size = 1 + LengthBytes(remaining) + remaining;
        if (_used + size > _buffer.Length)
        {
            Flush();
        }
        var span = _buffer.AsSpan(_used);
        span[0] = 0x32;   // PUBLISH, QoS 1
        var at = 1 + WriteLength(span[1..], remaining);
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)topic.Length);
        topic.CopyTo(span[(at + 2)..]);
        at += 2 + topic.Length;
        _packetId = _packetId == ushort.MaxValue ? (ushort)1 : (ushort)(_packetId + 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], _packetId);
        payload.CopyTo(span[(at + 2)..]);
        _used += size;
    }

    /// <summary>Sends whatever is batched.</summary>
    public void Flush()
    {
        var sent = 0;
        while (sent < _used)
        {
            sent += _socket.Send(_buffer, sent, _used - sent, SocketFlags.None);
        }
        _used = 0;
    }

    public void Dispose()
    {
        try
        {
            Flush();
            _socket.Send([0xE0, 0x00]);   // DISCONNECT
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // the broker went away first; nothing to say goodbye to
        }
        _socket.Dispose();
        _reader.Join(TimeSpan.FromSeconds(5));
    }

    // Only PUBACKs (4 bytes each) come back on a publish-only connection.
    private void ReadAcknowledgements()
    {
        var buffer = new byte[64 * 1024];
        var carry = 0;
        try
        {
            while (true)
            {
                var n = _socket.Receive(buffer, carry, buffer.Length - carry, SocketFlags.None);
                if (n == 0)
                {
                    return;
                }
                var total = carry + n;
                var whole = total / 4;
                Interlocked.Add(ref _acknowledged, whole);
                carry = total % 4;
                buffer.AsSpan(whole * 4, carry).CopyTo(buffer);
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int LengthBytes(int length) => length < 128 ? 1 : length < 16_384 ? 2 : length < 2_097_152 ? 3 : 4;

    private static int WriteLength(Span<byte> span, int length)
    {
        var i = 0;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            span[i++] = length > 0 ? (byte)(digit | 0x80) : digit;
        }
        while (length > 0);
        return i;
    }

    private static void AppendLength(List<byte> bytes, int length)
    {
        Span<byte> encoded = stackalloc byte[4];
        bytes.AddRange(encoded[..WriteLength(encoded, length)]);
    }
}
