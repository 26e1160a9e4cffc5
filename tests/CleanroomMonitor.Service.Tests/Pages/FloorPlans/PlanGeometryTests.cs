using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Pages.FloorPlans;

namespace CleanroomMonitor.Service.Tests.Pages.FloorPlans;

public sealed class PlanGeometryTests
{
    private const double C = PlanGeometry.CellSize;
    private const double M = PlanGeometry.Margin;

    [Fact]
    public void Rect_Layout_IsCellsTimesCellSizeInsideTheMargin()
    {
        Assert.Equal(new PlanRect(M + 2 * C, M + 1 * C, 3 * C, 4 * C), PlanGeometry.Rect(new RoomLayout(2, 1, 3, 4)));
    }

    [Fact]
    public void Canvas_RightAndBottomCells_AddsTheMarginOnBothSides()
    {
        Assert.Equal((2 * M + 7 * C, 2 * M + 3 * C), PlanGeometry.Canvas(7, 3));
    }

    [Fact]
    public void Arrow_RoomsSideBySide_CrossesTheMiddleOfTheSharedWallLeftToRight()
    {
        var suite = PlanGeometry.Rect(new RoomLayout(0, 0, 4, 3));
        var airlock = PlanGeometry.Rect(new RoomLayout(4, 1, 3, 2));

        var arrow = PlanGeometry.Arrow(suite, airlock);

        var wall = M + 4 * C;
        var low = M + 3 * C - PlanGeometry.WallInset;   // the shared stretch of wall runs from y = 1 to 3 cells; the arrow crosses near its bottom
        Assert.Equal(wall - PlanGeometry.Reach, arrow.X1);
        Assert.Equal((low, low), (arrow.Y1, arrow.Y2));
        Assert.True(arrow.X2 > wall && arrow.X2 < wall + PlanGeometry.Reach, $"shaft ends at {arrow.X2}, past the wall, before the tip");
        Assert.StartsWith($"{PlanGeometry.N(wall + PlanGeometry.Reach)},{PlanGeometry.N(low)} ", arrow.Head, StringComparison.Ordinal);   // the tip
        Assert.Equal((wall, "middle"), (arrow.LabelX, arrow.Anchor));
        Assert.True(arrow.LabelY < low);
    }

    [Fact]
    public void Arrow_OneCellOfSharedWall_CrossesThatCell()
    {
        var arrow = PlanGeometry.Arrow(PlanGeometry.Rect(new RoomLayout(0, 0, 2, 2)), PlanGeometry.Rect(new RoomLayout(2, 1, 2, 2)));

        Assert.InRange(arrow.Y1, M + 1.5 * C, M + 2 * C - 1);   // in the lower half of the one shared cell, never past the wall's end
    }

    [Fact]
    public void Arrow_LowerRoomOnTheLeft_PointsLeft()
    {
        var arrow = PlanGeometry.Arrow(PlanGeometry.Rect(new RoomLayout(4, 0, 2, 2)), PlanGeometry.Rect(new RoomLayout(0, 0, 4, 2)));

        Assert.True(arrow.X2 < arrow.X1);
        Assert.StartsWith($"{PlanGeometry.N(M + 4 * C - PlanGeometry.Reach)},", arrow.Head, StringComparison.Ordinal);
    }

    [Fact]
    public void Arrow_RoomAboveCorridor_PointsDownThroughTheWallLabelledBeside()
    {
        var airlock = PlanGeometry.Rect(new RoomLayout(3, 4, 4, 2));
        var corridor = PlanGeometry.Rect(new RoomLayout(0, 6, 27, 2));

        var arrow = PlanGeometry.Arrow(airlock, corridor);

        var x = M + 7 * C - 2 * PlanGeometry.WallInset;   // near the right end of the airlock's bottom wall, all of which the corridor shares
        Assert.Equal((x, x), (arrow.X1, arrow.X2));
        Assert.Equal(M + 6 * C - PlanGeometry.Reach, arrow.Y1);
        Assert.True(arrow.Y2 > M + 6 * C);
        Assert.Equal("end", arrow.Anchor);
        Assert.True(arrow.LabelX < x);
    }

    [Fact]
    public void Arrow_RoomsApart_RunsBetweenTheirEdgesOnTheCentreLine()
    {
        var left = PlanGeometry.Rect(new RoomLayout(0, 0, 2, 2));
        var right = PlanGeometry.Rect(new RoomLayout(5, 0, 2, 2));

        var arrow = PlanGeometry.Arrow(left, right);

        Assert.Equal((left.Right, left.CentreY), (arrow.X1, arrow.Y1));
        Assert.StartsWith($"{PlanGeometry.N(right.X)},{PlanGeometry.N(right.CentreY)} ", arrow.Head, StringComparison.Ordinal);
        Assert.Equal((left.Right + right.X) / 2, arrow.LabelX);
    }

    [Theory]
    [InlineData(2, 4)]   // 80 units: 4 lines of 15 after 6 of padding top and bottom
    [InlineData(3, 7)]
    [InlineData(1, 1)]
    public void LinesThatFit_RoomHeightInCells_WholeLinesInsideThePadding(int cells, int lines)
    {
        Assert.Equal(lines, PlanGeometry.LinesThatFit(PlanGeometry.Rect(new RoomLayout(0, 0, 4, cells))));
    }

    [Theory]
    [InlineData("Suite 1", 10, "Suite 1")]
    [InlineData("Suite 1 - autologous CAR-T", 10, "Suite 1 -…")]
    [InlineData("abcdefghij", 10, "abcdefghij")]
    public void Fit_TextLongerThanTheRoom_CutWithAnEllipsis(string text, int chars, string expected)
    {
        Assert.Equal(expected, PlanGeometry.Fit(text, chars));
    }

    [Fact]
    public void CharsThatFit_ThreeCellWideRoom_EstimatesFromTheCharacterWidth()
    {
        Assert.Equal(15, PlanGeometry.CharsThatFit(PlanGeometry.Rect(new RoomLayout(0, 0, 3, 2))));   // (120 - 12) / 6.8, rounded down
    }
}
