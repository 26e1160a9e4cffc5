using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Tests.Doubles;
using Options = Microsoft.Extensions.Options.Options;

namespace CleanroomMonitor.Service.Tests.LimitChanges;

public sealed class FacilityChangeCheckTests
{
    private readonly InMemoryUserStore _users = new();

    private Task StartAsync(string? changedBy) =>
        new FacilityChangeCheck(Options.Create(new FacilityFileChangeOptions { ChangedBy = changedBy }), _users).StartAsync(CancellationToken.None);

    [Fact]
    public async Task StartAsync_UnknownAuthor_ErrorNamingTheOptionAndTheValue()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => StartAsync("qa.nobody"));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(("Facility:ChangedBy", "qa.nobody"), (problem.Path, problem.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("qa.lead")]
    public async Task StartAsync_NoAuthorOrAnExistingAccount_Starts(string? changedBy)
    {
        _users.Users.Add(InMemoryUserStore.Person("qa.lead", Role.QA));

        await StartAsync(changedBy);

        Assert.Single(_users.Users);
    }
}
