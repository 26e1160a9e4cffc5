namespace CleanroomMonitor.Core.Excursions;

/// <summary>The acts on an excursion that a person signs (21 CFR 11.50: each signature states its meaning).</summary>
public enum SignedAction
{
    Acknowledge,
    Shelve,
    Close,
}
