using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Modbus.Tests;

/// <summary>A small facility whose Modbus sensors match the shipped profiles.</summary>
internal static class TestFacility
{
    public const string Json = """
        {
          "site": { "id": "mtest", "name": "Modbus test site", "timeZone": "Europe/Berlin" },
          "rooms": [
            { "id": "cr1", "name": "Suite 1", "grade": "C", "adjacent": ["al1"] },
            { "id": "al1", "name": "Airlock", "grade": "D", "adjacent": ["cr1"] }
          ],
          "sensors": [
            { "id": "pc1", "room": "cr1", "parameters": ["particles_0_5um", "particles_5_0um"], "source": "modbus" },
            { "id": "th1", "room": "cr1", "parameters": ["temperature", "relative_humidity"], "source": "modbus" },
            { "id": "dp1", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1", "source": "modbus" },
            { "id": "inc1", "room": "cr1", "parameters": ["co2", "temperature"], "equipment": "incubator", "source": "modbus" },
            { "id": "th2", "room": "al1", "parameters": ["temperature"] }
          ]
        }
        """;

    public static FacilityDefinition Load() => FacilityReader.Parse(Json, "facility.json");
}
