using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Storage.Tests.Records;

public sealed class AuditChainTests
{
    private static readonly string Genesis = new('0', 64);
    private static readonly AuditRow Row = new("2026-01-05T07:00:00.1234567Z", "qa.jane", "QA", "excursion.acknowledged", "excursion",
        "6f1c1f0e-4d0b-4f55-9a8e-2f7f3a0b9c11", null, "{\"Status\":\"Acknowledged\"}", "door left open");

    // Pinned, and computed independently (the Python in the README): existing files are verified with this
    // serialisation, so any change to it needs a new version tag.
    [Fact]
    public void Hash_KnownEntry_MatchesThePinnedValue()
    {
        Assert.Equal("54031a64499a5477014361948a5a9538f2cf62ea5ee58b882d23371f468cc102", AuditChain.Hash(Genesis, 1, Row));
    }

    [Fact]
    public void Hash_TextMovedBetweenAdjacentFields_Differs()
    {
        var moved = Row with { User = "qa.janeQ", Role = "A" };

        Assert.NotEqual(AuditChain.Hash(Genesis, 1, Row), AuditChain.Hash(Genesis, 1, moved));
    }

    [Fact]
    public void Hash_NullInsteadOfEmpty_Differs()
    {
        Assert.NotEqual(AuditChain.Hash(Genesis, 1, Row with { Reason = null }), AuditChain.Hash(Genesis, 1, Row with { Reason = "" }));
    }

    [Fact]
    public void Hash_OtherSequenceOrPreviousHash_Differs()
    {
        var hash = AuditChain.Hash(Genesis, 1, Row);

        Assert.NotEqual(hash, AuditChain.Hash(Genesis, 2, Row));
        Assert.NotEqual(hash, AuditChain.Hash(new string('1', 64), 1, Row));
    }
}
