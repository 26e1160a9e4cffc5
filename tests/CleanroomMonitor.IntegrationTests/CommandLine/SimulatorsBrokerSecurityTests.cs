using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.CommandLine;

/// <summary>Issue 24: the kit could not reach a production broker (user name, password, TLS). The simulators' broker
/// options, run as a user runs them against a real mosquitto that requires all three.</summary>
public sealed class SimulatorsBrokerSecurityTests
{
    private const string User = "oq-kit";
    private const string Password = "the-kits-broker-password";

    [Fact]
    public async Task Fleet_TlsBrokerWithPassword_PublishesWithTheCaFileAndThePasswordFromTheEnvironment()
    {
        using var directory = new TempDirectory("cli-tls");
        var certificates = await TestCertificates.CreateAsync(directory);
        await using var broker = await MosquittoProcess.StartAsync(
            new MosquittoTls(certificates.CaFile, certificates.ServerCertFile, certificates.ServerKeyFile), User, Password);

        var run = await ProgramRun.DotnetAsync(BuiltPrograms.Simulators,
            ["fleet", "--rooms", "1", "--sensors", "2", "--rate", "5", "--duration", "00:00:02", "--port", broker.Port.ToString(CultureInfo.InvariantCulture),
                "--username", User, "--ca-file", certificates.CaFile],
            RepositoryPaths.Root, new Dictionary<string, string> { ["CLEANROOM_MQTT_PASSWORD"] = Password });

        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = JsonDocument.Parse(run.Output);
        Assert.True(report.RootElement.GetProperty("sent").GetInt64() > 0, run.Output);
    }

    [Theory]
    [InlineData("--cert-file", "--cert-file needs --ca-file")]
    [InlineData("--key-file", "--key-file needs --ca-file")]
    public async Task Fleet_ClientCertificateWithoutTls_RefusedBeforeConnecting(string option, string says)
    {
        var run = await BuiltPrograms.SimulatorsAsync("fleet", "--duration", "00:00:01", option, "/nonexistent.pem");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(says, run.Error, StringComparison.Ordinal);
    }
}
