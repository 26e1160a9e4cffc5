namespace CleanroomMonitor.Core.Facility;

/// <summary>Where a room sits on the floor plan: a rectangle on a grid of equal cells, its top-left corner at
/// (<see cref="X"/>, <see cref="Y"/>) counted from the plan's top-left, on the level <see cref="Floor"/> (null: the
/// site's only or main level). The grid is a drawing aid, not a scale drawing: a cell is whatever the site's plan makes
/// it, so the plan shows which room is next to which, not square metres.</summary>
public sealed record RoomLayout(int X, int Y, int Width, int Height, string? Floor = null)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    /// <summary>True when the two rectangles share any area on the same floor; touching edges (a shared wall) is not overlap.</summary>
    public bool Overlaps(RoomLayout other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Floor, other.Floor, StringComparison.Ordinal)
            && X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;
    }

    public override string ToString() => $"x {X}, y {Y}, {Width}×{Height}{(Floor is null ? "" : $" on floor '{Floor}'")}";
}
