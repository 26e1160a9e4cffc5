using System.Net;
using System.Net.Sockets;

namespace CleanroomMonitor.TestSupport;

/// <summary>Asks the OS for a free loopback TCP port. Another process could take it before we bind, so
/// fixtures that start servers retry on a bind failure rather than trusting the port blindly.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether a server accepts TCP connections on <paramref name="host"/>:<paramref name="port"/> now: the
    /// readiness probe of the fixtures whose servers say nothing until a client speaks.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
