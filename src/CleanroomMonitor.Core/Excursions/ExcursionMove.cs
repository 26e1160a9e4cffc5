namespace CleanroomMonitor.Core.Excursions;

/// <summary>A person's signed move on an excursion, as data: what the engine applies to the excursion as it stands when
/// the move reaches it (the lifecycle decides whether the move is allowed then), and the action it is recorded as.</summary>
public abstract record ExcursionMove(string Action, string By, string Comment)
{
    public abstract (Excursion? Changed, string? Error) ApplyTo(Excursion excursion);

    /// <summary>An operator's signed acknowledgement.</summary>
    public sealed record Acknowledge(ExcursionAcknowledgement Acknowledgement)
        : ExcursionMove(ExcursionAction.Acknowledged, Acknowledgement.Signature.UserName, Acknowledgement.Comment)
    {
        public override (Excursion? Changed, string? Error) ApplyTo(Excursion excursion) => ExcursionLifecycle.Acknowledge(excursion, Acknowledgement);
    }

    /// <summary>QA's signed closure with its decisions.</summary>
    public sealed record Close(ExcursionClosure Closure) : ExcursionMove(ExcursionAction.Closed, Closure.Signature.UserName, Closure.Comment)
    {
        public override (Excursion? Changed, string? Error) ApplyTo(Excursion excursion) => ExcursionLifecycle.Close(excursion, Closure);
    }

    /// <summary>A signed shelving until an expiry no later than <see cref="Longest"/> from now.</summary>
    public sealed record Shelve(ExcursionShelving Shelving, TimeSpan Longest)
        : ExcursionMove(ExcursionAction.Shelved, Shelving.Signature.UserName, Shelving.Reason)
    {
        public override (Excursion? Changed, string? Error) ApplyTo(Excursion excursion) => ExcursionLifecycle.Shelve(excursion, Shelving, Longest);
    }
}
