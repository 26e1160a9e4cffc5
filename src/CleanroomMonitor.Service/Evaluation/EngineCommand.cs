using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>The commands of the excursion engine: data on its one input channel, each with the answer its sender waits
/// for. The engine runs them in the order they arrive among the readings; none carries code of its own.</summary>
public abstract record EngineCommand : JudgeCommand
{
    internal abstract void Fail(Exception error);
}

/// <summary>A command whose sender waits for a <typeparamref name="T"/>.</summary>
public abstract record EngineCommand<T> : EngineCommand
{
    internal TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal override void Fail(Exception error) => Done.TrySetException(error);
}

/// <param name="Reason">Why, as the person was prompted for it (docs/gmp.md §8); goes into the audit entry.</param>
internal sealed record StartBatchCommand(BatchStart Request, string? Reason) : EngineCommand<(Batch? Batch, BatchProblem? Problem)>;

/// <param name="Reason">Why, as the person was prompted for it (docs/gmp.md §8); goes into the audit entry.</param>
internal sealed record EndBatchCommand(BatchEnd Request, string? Reason) : EngineCommand<(Batch? Batch, BatchProblem? Problem)>;

internal sealed record DeclareWindowCommand(RoomWindow Window) : EngineCommand<RoomWindow>;

internal sealed record EndWindowCommand(Guid Id, string By, string Reason) : EngineCommand<RoomWindow?>;

internal sealed record TakeOutOfServiceCommand(SensorId Sensor, Parameter? Parameter, DateTimeOffset ExpectedEnd, string Reason, string By)
    : EngineCommand<(OutOfServicePeriod? Period, OutOfServiceProblem? Problem)>;

internal sealed record ReturnToServiceCommand(Guid Id, string By, string Reason) : EngineCommand<OutOfServicePeriod?>;

internal sealed record SystemConditionCommand(SystemCondition Condition) : EngineCommand<bool>;

/// <summary>An instrument's calibration level as the register judges it now (docs/instruments.md "Calibration register").</summary>
internal sealed record CalibrationStateCommand(SensorId Sensor, LimitLevel Level, string Detail, double DaysPastDue, DateTimeOffset At) : EngineCommand<bool>;

internal sealed record MoveExcursionCommand(Guid Id, ExcursionMove Move) : EngineCommand<(Excursion? Excursion, string? Error)>;

/// <summary>Answered when every input given before it has been judged and its outcome recorded.</summary>
internal sealed record BarrierCommand : EngineCommand<bool>;

/// <summary>An approved limit change to put in force at its effective instant (at once when that has come).</summary>
internal sealed record ScheduleLimitChangeCommand(CleanroomMonitor.Core.LimitChanges.LimitChangeHistory Change) : EngineCommand<bool>;
