using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace CleanroomMonitor.Mqtt.Client.Transport;

/// <summary>Opens the TCP connection for MQTTnet (which adds TLS on top when configured) and hands it back as a
/// <see cref="CoalescingStream"/>.</summary>
internal sealed class CoalescingStreamProvider : IMqttClientStreamProvider
{
    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
            return new CoalescingStream(new NetworkStream(socket, ownsSocket: true));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
