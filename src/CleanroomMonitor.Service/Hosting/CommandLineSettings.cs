namespace CleanroomMonitor.Service.Hosting;

/// <summary>Splits the arguments of an admin or records command into the command's own (<c>--user</c>, <c>--to</c>: no
/// colon) and service settings (<c>--Records:Path=…</c> or <c>--Records:Path …</c>), so a setting given on the command
/// line configures the command exactly as it configures the service, instead of being silently ignored.</summary>
public static class CommandLineSettings
{
    public static (string[] Command, string[] Settings) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = new List<string>(args.Length);
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || !name.Contains(':', StringComparison.Ordinal))
            {
                command.Add(arg);
            }
            else if (arg.Contains('=', StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                settings.Add(arg);
            }
            else
            {
                settings.Add(arg);
                settings.Add(args[++i]);
            }
        }
        return ([.. command], [.. settings]);
    }

    /// <summary>The service's commands, for the message about one it does not know.</summary>
    public const string Commands = "users add-admin, users add, tokens add, records backup, records verify";

    /// <summary>A message when the first argument is a word that is neither a known command nor a setting
    /// (<c>--Section:Key value</c>, <c>Section:Key=value</c>); null otherwise.</summary>
    public static string? UnknownCommand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].StartsWith('/') || args[0].Contains('=', StringComparison.Ordinal)
            || Security.AdminCommand.Matches(args) || RecordsCommand.Matches(args))
        {
            return null;
        }
        return $"unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}': the service takes settings (--Section:Key value) or one of: {Commands}";
    }
}
