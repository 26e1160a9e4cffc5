using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Tests.Cluster;

/// <summary>A facility of six rooms, so two instances have something to split.</summary>
internal static class ClusterFacility
{
    public static FacilityDefinition Create() => FacilityReader.Parse("""
        {
          "site": { "id": "site1", "name": "Test site", "timeZone": "UTC" },
          "rooms": [ { "id": "r1", "name": "Room 1", "grade": "B" }, { "id": "r2", "name": "Room 2", "grade": "B" },
                     { "id": "r3", "name": "Room 3", "grade": "C" }, { "id": "r4", "name": "Room 4", "grade": "C" },
                     { "id": "r5", "name": "Room 5", "grade": "D" }, { "id": "r6", "name": "Room 6", "grade": "D" } ],
          "sensors": [ { "id": "th1", "room": "r1", "parameters": ["temperature"] } ]
        }
        """, "cluster.json");
}
