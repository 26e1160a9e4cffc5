using System.Text;
using CleanroomMonitor.Mqtt.Client.Transport;

namespace CleanroomMonitor.Mqtt.Tests.Client.Transport;

public sealed class CoalescingStreamTests
{
    [Fact]
    public async Task WriteAsync_ManyPackets_ArriveWholeAndInOrderInFewerWrites()
    {
        var inner = new CountingStream();
        await using var stream = new CoalescingStream(inner);
        var packets = Enumerable.Range(0, 5000).Select(i => Encoding.ASCII.GetBytes($"[{i}]")).ToList();

        foreach (var packet in packets)
        {
            await stream.WriteAsync(packet);
        }
        await stream.FlushAsync();

        Assert.Equal(string.Concat(packets.Select(Encoding.ASCII.GetString)), Encoding.ASCII.GetString(inner.ToArray()));
        Assert.InRange(inner.Writes, 1, packets.Count);
    }

    [Fact]
    public async Task WriteAsync_AfterTheConnectionFailed_ThrowsIOException()
    {
        var inner = new CountingStream { FailWrites = true };
        await using var stream = new CoalescingStream(inner);

        await stream.WriteAsync("first"u8.ToArray());
        await stream.FlushAsync();

        await Assert.ThrowsAsync<IOException>(async () => await stream.WriteAsync("second"u8.ToArray()));
        Assert.True(inner.IsDisposed);
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public bool FailWrites { get; init; }

        public bool IsDisposed { get; private set; }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            await Task.Yield();   // like a socket: the flush really is asynchronous
            if (FailWrites)
            {
                throw new IOException("connection reset by peer");
            }
            await base.WriteAsync(buffer, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            IsDisposed = true;
            base.Dispose(disposing);
        }
    }
}
