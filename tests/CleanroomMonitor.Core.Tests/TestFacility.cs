using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Tests;

internal static class TestFacility
{
    public static FacilityDefinition Create() => FacilityReader.Parse("""
        {
          "site": { "id": "site1", "name": "Test site", "timeZone": "UTC" },
          "rooms": [ { "id": "cr1", "name": "Suite 1", "grade": "B", "adjacent": ["al1"] },
                     { "id": "al1", "name": "Airlock", "grade": "C", "adjacent": ["cr1"] } ],
          "sensors": [
            { "id": "pc1", "room": "cr1", "parameters": ["particles_0_5um", "particles_5_0um"] },
            { "id": "th1", "room": "cr1", "parameters": ["temperature", "relative_humidity"] }
          ]
        }
        """, "test.json");
}
