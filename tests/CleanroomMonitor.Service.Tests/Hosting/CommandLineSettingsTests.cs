using CleanroomMonitor.Service.Hosting;

namespace CleanroomMonitor.Service.Tests.Hosting;

public sealed class CommandLineSettingsTests
{
    [Fact]
    public void Split_SettingsInBothForms_GoToTheServiceAndTheRestToTheCommand()
    {
        var (command, settings) = CommandLineSettings.Split(
            ["records", "backup", "--to", "/tmp/b.db", "--Records:Path=/srv/r.db", "--Facility:File", "/etc/f.json", "--name", "A: B"]);

        Assert.Equal(["records", "backup", "--to", "/tmp/b.db", "--name", "A: B"], command);
        Assert.Equal(["--Records:Path=/srv/r.db", "--Facility:File", "/etc/f.json"], settings);
    }

    [Fact]
    public void Split_NoSettings_LeavesTheCommandAsGiven()
    {
        string[] args = ["users", "add-admin", "--user", "a", "--name", "A"];

        var (command, settings) = CommandLineSettings.Split(args);

        Assert.Equal(args, command);
        Assert.Empty(settings);
    }

    [Theory]
    [InlineData("--Mqtt:Port", "1884")]
    [InlineData("Mqtt:Port=1884")]
    [InlineData("records", "verify", "x.db")]
    [InlineData("tokens", "add", "--name", "mes")]
    public void UnknownCommand_SettingsAndKnownCommands_AreNot(params string[] args) => Assert.Null(CommandLineSettings.UnknownCommand(args));

    [Fact]
    public void UnknownCommand_AWordThatIsNoCommand_IsNamed() =>
        Assert.StartsWith("unknown command 'records restore'", CommandLineSettings.UnknownCommand(["records", "restore", "--to", "x"]), StringComparison.Ordinal);
}
