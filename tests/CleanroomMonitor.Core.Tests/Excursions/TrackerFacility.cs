using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Tests.Excursions;

internal static class TrackerFacility
{
    public const string Json = """
        {
          "site": { "id": "s", "name": "S", "timeZone": "UTC" },
          "gradeLimits": { "D": { "particles_0_5um": { "inOperation": { "action": 3520000 } }, "particles_5_0um": { "inOperation": { "action": "none" } } } },
          "rooms": [
            { "id": "cr1", "name": "Suite", "grade": "B", "adjacent": ["al1"], "cleanUpPeriod": "20m",
              "zones": [ { "id": "bsc", "name": "BSC", "grade": "A" } ],
              "limits": { "temperature": { "alert": { "low": 19, "high": 23 }, "action": { "low": 18, "high": 25 } } } },
            { "id": "al1", "name": "Airlock", "grade": "C", "adjacent": ["cr1", "cd"],
              "limits": { "differential_pressure": { "alert": { "low": 12.5 }, "delay": "30s", "justification": "door openings under 30 s" } } },
            { "id": "cd", "name": "Corridor", "grade": "D", "adjacent": ["al1"] }
          ],
          "sensors": [
            { "id": "pca", "room": "cr1", "zone": "bsc", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "1m" },
            { "id": "pcb", "room": "cr1", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "1m" },
            { "id": "th", "room": "cr1", "parameters": ["temperature"], "interval": "1m" },
            { "id": "dp", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1", "interval": "10s" },
            { "id": "aldp", "room": "al1", "parameters": ["differential_pressure"], "reference": "cd", "interval": "10s" },
            { "id": "pcd", "room": "cd", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "1m" },
            { "id": "frz", "room": "cd", "parameters": ["temperature"], "equipment": "freezer", "limits": { "temperature": { "action": { "high": -60 } } } }
          ]
        }
        """;

    public static FacilityDefinition Create() => FacilityReader.Parse(Json, "tracker.json");
}
