namespace CleanroomMonitor.Core.Facility;

/// <summary>EU GMP Annex 1 cleanroom grade. A is the critical zone (open aseptic work), D the least critical.
/// The numeric order is the order of strictness: a lower value is a cleaner grade.</summary>
public enum Grade
{
    A = 1,
    B = 2,
    C = 3,
    D = 4,
}
