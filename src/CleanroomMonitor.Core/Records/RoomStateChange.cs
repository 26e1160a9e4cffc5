using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Records;

/// <summary>A room entering a state at a time, and why (batch started, clean-up met, window declared). Every change
/// is recorded: the limits in force follow the state.</summary>
public sealed record RoomStateChange(RoomId Room, RoomState State, DateTimeOffset At, string Reason, string By);
