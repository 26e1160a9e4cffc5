using CleanroomMonitor.Service.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Qualification;

/// <summary>One service for the OQ record tests (each test uses its own run ids), with a second QA person "qa2" so that
/// executor, reviewer and approver can be three people.</summary>
public sealed class QualificationRig : IAsyncLifetime
{
    public MonitorRig Rig { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Rig = await MonitorRig.StartAsync();
        await Rig.App.Services.GetRequiredService<UserAccounts>()
            .CreateAsync(new NewUser("qa2", "Test qa2", ["QA"], null, MonitorRig.Password), "test", default, passwordChosenByHolder: true);
    }

    public async Task DisposeAsync() => await Rig.DisposeAsync();
}
