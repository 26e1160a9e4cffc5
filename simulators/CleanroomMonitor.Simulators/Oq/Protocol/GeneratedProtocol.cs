using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>What <see cref="ProtocolGenerator"/> made: the scenarios, what is not covered, and the files to write (name, text).</summary>
internal sealed record GeneratedProtocol(
    FacilityDefinition Facility,
    ProtocolSource Source,
    IReadOnlyList<Sensor> Selected,
    IReadOnlyList<SensorScenario> Scenarios,
    IReadOnlyList<NotCovered> NotCovered,
    IReadOnlyList<(string Name, string Text)> Files,
    IReadOnlyCollection<string> SensorFilter,
    IReadOnlyCollection<string> RoomFilter);
