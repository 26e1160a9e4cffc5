using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Mqtt.Tests.Sparkplug;

/// <summary>Edge node plant/gw1 feeds th1 (its own metrics) and particle counter pc1 (device pc-7); plant/gw2 feeds th2.</summary>
internal static class SparkplugTestFacility
{
    public const string Json = """
        {
          "site": { "id": "sp", "name": "Sparkplug test", "timeZone": "UTC" },
          "rooms": [ { "id": "cr1", "name": "Suite 1", "grade": "C" } ],
          "sensors": [
            { "id": "th1", "room": "cr1", "parameters": ["temperature", "relative_humidity"], "interval": "10s", "source": "sparkplug",
              "sparkplug": { "group": "plant", "edgeNode": "gw1", "metrics": { "temperature": "Room/Temperature", "relative_humidity": "Room/RH" } } },
            { "id": "pc1", "room": "cr1", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "10s", "source": "sparkplug",
              "sparkplug": { "group": "plant", "edgeNode": "gw1", "device": "pc-7",
                             "metrics": { "particles_0_5um": "Count 0.5", "particles_5_0um": "Count 5.0", "volume_l": "Volume" } } },
            { "id": "th2", "room": "cr1", "parameters": ["temperature"], "interval": "1m", "source": "sparkplug",
              "sparkplug": { "group": "plant", "edgeNode": "gw2", "metrics": { "temperature": "T" } } }
          ]
        }
        """;

    public static FacilityDefinition Load() => FacilityReader.Parse(Json, "sparkplug.json");
}
