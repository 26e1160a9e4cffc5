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
}
