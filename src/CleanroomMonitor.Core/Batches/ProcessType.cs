namespace CleanroomMonitor.Core.Batches;

/// <summary>How the product is exposed (PIC/S Annex 2A): open manipulation needs grade A in a B background; a closed
/// system may sit in C or D.</summary>
public enum ProcessType
{
    OpenManual,
    ClosedSystem,
}
