using System.Text.Json;

namespace CleanroomMonitor.Simulators.Publishing;

/// <summary>The MES batch message of docs/excursions.md, built from the simulator's compact command-line form.</summary>
internal static class MesMessage
{
    /// <param name="token">The API token the service authenticates the message with (docs/security.md).</param>
    public static bool TryStart(string spec, string? token, out byte[] payload)
    {
        payload = [];
        var parts = spec.Split(':');
        if (parts.Length != 4 || parts.Any(string.IsNullOrWhiteSpace))
        {
            return false;
        }
        payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            action = "start",
            number = parts[0],
            rooms = parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            tenant = parts[2],
            product = parts[3],
            process = "open",
            by = "simulated-mes",
            token,
        });
        return true;
    }
}
