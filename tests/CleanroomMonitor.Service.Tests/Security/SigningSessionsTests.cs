using CleanroomMonitor.Service.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CleanroomMonitor.Service.Tests.Security;

/// <summary>The continuous signing session (21 CFR 11.200(a)(1)) on a clock the test moves: no service, no waiting.</summary>
public sealed class SigningSessionsTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly SigningSessions _sessions;

    public SigningSessionsTests() =>
        _sessions = new SigningSessions(Options.Create(new SecurityOptions { SigningSessionIdle = Idle }), _time);

    [Fact]
    public void IsContinuous_SessionThatNeverSigned_IsFalse() => Assert.False(_sessions.IsContinuous("s1"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void IsContinuous_NoSessionId_IsFalseEvenAfterRecording(string? sessionId)
    {
        _sessions.Record(sessionId);

        Assert.False(_sessions.IsContinuous(sessionId));
        Assert.Equal(0, _sessions.Count);
    }

    [Fact]
    public void IsContinuous_WithinTheIdleLimitOfTheLastSignature_IsTrue()
    {
        _sessions.Record("s1");
        _time.Advance(Idle - TimeSpan.FromSeconds(1));

        Assert.True(_sessions.IsContinuous("s1"));
    }

    [Fact]
    public void IsContinuous_AtTheIdleLimit_IsFalseAndTheSessionIsForgotten()
    {
        _sessions.Record("s1");
        _time.Advance(Idle);

        Assert.False(_sessions.IsContinuous("s1"));
        Assert.Equal(0, _sessions.Count);
    }

    [Fact]
    public void Record_EachSignatureRestartsTheIdlePeriod()
    {
        _sessions.Record("s1");
        _time.Advance(TimeSpan.FromMinutes(10));
        _sessions.Record("s1");
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.True(_sessions.IsContinuous("s1"));   // 20 min after the first signature, 10 after the last
    }

    [Fact]
    public void IsContinuous_AnotherSessionsSignature_DoesNotCount()
    {
        _sessions.Record("s1");

        Assert.False(_sessions.IsContinuous("s2"));
    }

    [Fact]
    public void Forget_SignedOutSession_IsNoLongerContinuous()
    {
        _sessions.Record("s1");
        _sessions.Forget("s1");

        Assert.False(_sessions.IsContinuous("s1"));
    }

    [Fact]
    public void Record_SessionsIdleBeyondTheLimit_AreForgotten()
    {
        for (var i = 0; i < 1000; i++)
        {
            _sessions.Record($"old-{i}");
        }
        _time.Advance(Idle);

        _sessions.Record("new");

        Assert.Equal(1, _sessions.Count);
        Assert.True(_sessions.IsContinuous("new"));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.5")]
    [InlineData("-00:01:00")]
    [InlineData("12:00:01")]
    public void Options_SigningSessionIdleOutOfRange_FailsNamingPathAndValue(string value)
    {
        using var services = Services(value);

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SecurityOptions>>().Value);

        Assert.Contains($"Security:SigningSessionIdle = '{TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)}'", ex.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:01", 1)]
    [InlineData("00:15:00", 900)]
    public void Options_SigningSessionIdleInRange_IsAccepted(string value, int seconds)
    {
        using var services = Services(value);

        Assert.Equal(TimeSpan.FromSeconds(seconds), services.GetRequiredService<IOptions<SecurityOptions>>().Value.SigningSessionIdle);
    }

    [Fact]
    public void Options_Default_Is15Minutes() => Assert.Equal(TimeSpan.FromMinutes(15), new SecurityOptions().SigningSessionIdle);

    private static ServiceProvider Services(string idle)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Security:SigningSessionIdle"] = idle }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddCleanroomSecurity();
        return services.BuildServiceProvider();
    }
}
