using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Modbus.Profiles;

namespace CleanroomMonitor.Simulators.Fleet;

/// <summary>The Modbus connection file of a generated fleet: <c>servers</c> TCP servers on loopback, on consecutive ports
/// from <c>basePort</c>, the fleet's sensors dealt round-robin over them (unit ids 1, 2, … on each), every device a
/// Vaisala-style T/RH transmitter polled once per sensor interval. The service polls it; fleet mode serves it.</summary>
internal static class FleetModbusPlan
{
    /// <summary>The profile every fleet device uses (deploy/config/profiles).</summary>
    public const string Profile = "vaisala-hmw90";

    /// <summary>Unit ids 1-247 per server (Modbus addresses).</summary>
    public const int MaxUnitsPerServer = 247;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>What is wrong with these numbers, or null.</summary>
    public static string? Problem(int rooms, int sensorsPerRoom, int servers, int basePort) =>
        servers < 1 ? "--servers must be 1 or more"
        : (long)rooms * sensorsPerRoom > (long)servers * MaxUnitsPerServer ? $"at most {MaxUnitsPerServer} devices per server: give more --servers"
        : basePort < 1 || basePort + servers - 1 > 65535 ? "--base-port: the servers' ports must lie in 1-65535"
        : null;

    public static string Json(int rooms, int sensorsPerRoom, double ratePerSecond, int servers, int basePort, string profilesFolder)
    {
        var devices = Enumerable.Range(1, rooms).SelectMany(r => Enumerable.Range(1, sensorsPerRoom).Select(s => FleetFacility.SensorId(r, s))).ToList();
        var interval = FleetFacility.Interval(ratePerSecond);
        // A reply must come within the poll interval, or one silent device delays the others on its server.
        var timeoutMs = Math.Clamp(Math.Round(1000 / ratePerSecond / 2), 1, 500);
        var file = new
        {
            profiles = profilesFolder,
            defaults = new
            {
                pollInterval = interval,
                responseTimeout = string.Create(CultureInfo.InvariantCulture, $"{timeoutMs:0}ms"),
                missedPollsBeforeLoss = 3,
                reconnectDelayMax = "5s",
            },
            connections = Enumerable.Range(0, servers).Select(server => new
            {
                id = string.Create(CultureInfo.InvariantCulture, $"fleet-{server + 1:000}"),
                tcp = new { host = "127.0.0.1", port = basePort + server },
                devices = devices.Select((sensor, index) => (sensor, index)).Where(d => d.index % servers == server).Select(d => new
                {
                    name = d.sensor,
                    unitId = d.index / servers + 1,
                    profile = Profile,
                    sensor = d.sensor,
                }),
            }),
        };
        return JsonSerializer.Serialize(file, Indented);
    }

    /// <summary>The plan, validated as the service validates it.</summary>
    /// <exception cref="ConfigurationException">The profile is missing from <paramref name="profilesFolder"/>.</exception>
    public static ModbusPlan Build(FacilityDefinition facility, int rooms, int sensorsPerRoom, double ratePerSecond, int servers, int basePort, string profilesFolder) =>
        ModbusPlanReader.Parse(Json(rooms, sensorsPerRoom, ratePerSecond, servers, basePort, profilesFolder), "fleet modbus (generated)", facility,
            ProfileReader.LoadFolder(profilesFolder));
}
