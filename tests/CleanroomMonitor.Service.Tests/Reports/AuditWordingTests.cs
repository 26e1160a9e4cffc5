using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.Service.Tests.Reports;

public sealed class AuditWordingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> Rooms = new(StringComparer.Ordinal) { ["cr1"] = "Suite 1" };

    private static ReportAuditEntry Entry(string action, string type, string id, string? newValue = null, string? reason = null) =>
        new(1, T0, "qa", "QA", action, type, id, null, newValue, reason);

    [Fact]
    public void What_ExcursionClosedWithJsonValue_SentenceWithFactsAndNoJson()
    {
        var entry = Entry("excursion.closed", "excursion", "3f2a9c1e-0000-4000-8000-000000000001",
            """{"meaning":"reviewed and closed","deviation":"DEV-2026-201","impacts":[{"batch":"B1"}]}""");

        var what = AuditWording.What(entry);

        Assert.Equal("Closed the excursion (meaning reviewed and closed, deviation DEV-2026-201)", what);
        Assert.DoesNotContain("{", what, StringComparison.Ordinal);
    }

    [Fact]
    public void What_RoomStateChangedWithReason_StateInWordsAndReason() =>
        Assert.Equal("Changed the room state (to in operation): batch B1 started",
            AuditWording.What(Entry("room.state-changed", "room", "cr1", """{"state":"InOperation"}""", "batch B1 started")));

    [Fact]
    public void What_UnknownAction_WordsOfTheActionName() =>
        Assert.Equal("Room something new", AuditWording.What(Entry("room.something-new", "room", "cr1")));

    [Fact]
    public void What_ValueNotJson_SentenceOnly() =>
        Assert.Equal("Started the batch", AuditWording.What(Entry("batch.started", "batch", "B1", "{not json")));

    [Theory]
    [InlineData("room", "cr1", "Suite 1 (cr1)")]
    [InlineData("batch", "B1", "batch B1")]
    [InlineData("excursion", "3f2a9c1e-0000-4000-8000-000000000001", "excursion 3f2a9c1e")]
    [InlineData("limit_set", "pc1/particles_0_5um/InOperation", "pc1 · ≥0.5 µm particles (in operation)")]
    [InlineData("facility", "v7", "facility definition")]
    public void Subject_EntityOfEachKind_ReadableWithoutRawKeys(string type, string id, string expected) =>
        Assert.Equal(expected, AuditWording.Subject(Entry("x.y", type, id), Rooms));
}
