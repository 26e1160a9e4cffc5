using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Tests.Excursions;

public sealed class ReviewRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly Excursion Linked = new(Guid.NewGuid(), ExcursionKind.Temperature, LimitLevel.Action, new SensorId("th"), new RoomId("cr1"),
        Parameter.Temperature, Grade.B, RoomState.InOperation, "value ≥ action limit 25", 26, 25, null, null, T0, null, 26, T0,
        ExcursionStatus.Unacknowledged, ["H-1", "C-1"], [], "v1");

    private static bool All(string batch) => true;

    [Theory]
    [InlineData(SignedAction.Acknowledge, "approved for batch release")]
    [InlineData(SignedAction.Acknowledge, "reviewed and closed")]
    [InlineData(SignedAction.Close, "acknowledged")]
    [InlineData(SignedAction.Shelve, "anything")]
    public void Meaning_NotOnTheActionsList_IsRefused(SignedAction action, string meaning)
    {
        var (accepted, error) = ReviewRules.Meaning(action, meaning);

        Assert.Null(accepted);
        Assert.Contains("not allowed", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignedAction.Acknowledge, null, "acknowledged")]
    [InlineData(SignedAction.Acknowledge, "acknowledged, immediate action taken", "acknowledged, immediate action taken")]
    [InlineData(SignedAction.Close, "", "reviewed and closed")]
    [InlineData(SignedAction.Shelve, null, "shelved")]
    public void Meaning_OnTheListOrMissing_IsTheListedText(SignedAction action, string? requested, string expected) =>
        Assert.Equal((expected, (string?)null), ReviewRules.Meaning(action, requested));

    [Fact]
    public void CheckImpacts_DecisionNotOnTheList_IsRefused()
    {
        var error = ReviewRules.CheckImpacts(Linked, [new ProductImpact("H-1", "anything I like", "r")], All);

        Assert.Contains("not one of", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckImpacts_BatchNotLinked_IsRefused()
    {
        var error = ReviewRules.CheckImpacts(Linked, [new ProductImpact("X-9", "no impact", "r")], All);

        Assert.Contains("X-9 is not linked", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckImpacts_BatchOutsideTheSignersTenant_IsRefused()
    {
        var error = ReviewRules.CheckImpacts(Linked, [new ProductImpact("H-1", "no impact", "r"), new ProductImpact("C-1", "no impact", "r")], b => b == "H-1");

        Assert.Contains("C-1 is outside your tenant", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckImpacts_SameBatchTwice_IsRefused()
    {
        var error = ReviewRules.CheckImpacts(Linked, [new ProductImpact("H-1", "no impact", "r"), new ProductImpact("H-1", "batch rejected", "r")], All);

        Assert.Contains("more than one decision", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckImpacts_ListedDecisionsForLinkedBatchesInScope_Pass() =>
        Assert.Null(ReviewRules.CheckImpacts(Linked, [new ProductImpact("H-1", "no impact", "r"), new ProductImpact("C-1", "batch rejected", "r")], All));

    [Theory]
    [InlineData("HVAC or filter", "door left open", null)]
    [InlineData("other", "door left open", null)]
    [InlineData("anything I like", "door left open", "cause must be one of: HVAC or filter; people; or other")]
    [InlineData(null, "door left open", "cause must be one of: HVAC or filter; people; or other")]
    [InlineData("people", " ", "a comment (1-2000 characters) is required")]
    public void IsCompleteAcknowledgement_CauseFromTheListAndAComment(string? cause, string? comment, string? expected)
    {
        var complete = ReviewRules.IsCompleteAcknowledgement(cause, comment, ["HVAC or filter", "people"], out var error);

        Assert.Equal(expected is null, complete);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void IsCompleteAcknowledgement_CommentLongerThanTheLimit_Refused() =>
        Assert.False(ReviewRules.IsCompleteAcknowledgement("other", new string('x', ReviewRules.MaxText + 1), [], out _));

    [Theory]
    [InlineData("DEV-7", "reviewed", true)]
    [InlineData("", "reviewed", false)]
    [InlineData("DEV-7", null, false)]
    public void IsCompleteClosure_DeviationAndComment(string? deviation, string? comment, bool expected) =>
        Assert.Equal(expected, ReviewRules.IsCompleteClosure(deviation, comment, out _));

    [Fact]
    public void IsCompleteShelving_ReasonAndExpiryRequired()
    {
        var until = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

        Assert.True(ReviewRules.IsCompleteShelving("sensor swap WO-17", until, TimeSpan.FromHours(8), out _));
        Assert.False(ReviewRules.IsCompleteShelving("sensor swap WO-17", null, TimeSpan.FromHours(8), out var noExpiry));
        Assert.Contains("expiry", noExpiry, StringComparison.Ordinal);
        Assert.False(ReviewRules.IsCompleteShelving("", until, TimeSpan.FromHours(8), out var noReason));
        Assert.Equal("a reason (1-2000 characters) is required", noReason);
    }
}
