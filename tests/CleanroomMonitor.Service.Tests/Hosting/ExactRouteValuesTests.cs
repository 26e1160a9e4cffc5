using CleanroomMonitor.Service.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CleanroomMonitor.Service.Tests.Hosting;

public sealed class ExactRouteValuesTests
{
    private static RouteValueDictionary Restore(string pattern, string rawTarget, string routed, string pathBase = "")
    {
        var values = new RouteValueDictionary { ["number"] = routed };
        ExactRouteValues.Restore(RoutePatternFactory.Parse(pattern), rawTarget, new PathString(pathBase.Length == 0 ? null : pathBase), values);
        return values;
    }

    [Theory]
    [InlineData("/batches/LOT%202026%2F014", "LOT 2026%2F014", "LOT 2026/014")]
    [InlineData("/batches/50%252F", "50%2F", "50%2F")]
    [InlineData("/batches/LOT%20%237%3Fx%3D1?handler=End", "LOT #7?x=1", "LOT #7?x=1")]
    public void Restore_EscapedSegment_ExactValue(string raw, string routed, string expected) =>
        Assert.Equal(expected, Restore("/batches/{number}", raw, routed)["number"]);

    [Fact]
    public void Restore_ParameterBeforeALiteral_ExactValue() =>
        Assert.Equal("A/B", Restore("/api/batches/{number}/report.pdf", "/api/batches/A%2FB/report.pdf", "A%2FB")["number"]);

    [Fact]
    public void Restore_UnderAPathBase_SkipsItsSegments() =>
        Assert.Equal("A/B", Restore("/batches/{number}", "/monitor/batches/A%2FB", "A%2FB", "/monitor")["number"]);

    [Fact]
    public void Restore_SegmentsDoNotLineUp_LeavesRoutingsValue() =>
        Assert.Equal("x", Restore("/batches/{number}", "/other/batches/A%2FB", "x")["number"]);
}
