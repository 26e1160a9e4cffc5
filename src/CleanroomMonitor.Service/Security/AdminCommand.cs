using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Service.Security;

/// <summary>The first admin is created from the command line, on the server, before anyone can sign in:
/// <c>CleanroomMonitor.Service users add-admin --user NAME --name "PRINTED NAME"</c>, the password read from the
/// environment variable CLEANROOM_ADMIN_PASSWORD or, failing that, from standard input (never an argument: it would
/// show in the process list and shell history).</summary>
public static class AdminCommand
{
    public static bool Matches(string[] args) => args is ["users", "add-admin", ..];

    public static async Task<int> RunAsync(string[] args, WebApplication app, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var userName = Option("--user");
        var printedName = Option("--name");
        if (userName is null || printedName is null)
        {
            await output.WriteLineAsync("usage: CleanroomMonitor.Service users add-admin --user NAME --name \"PRINTED NAME\" (password from CLEANROOM_ADMIN_PASSWORD or stdin)");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable("CLEANROOM_ADMIN_PASSWORD") ?? await input.ReadLineAsync(cancellationToken);
        await app.Services.GetRequiredService<IRecordStore>().InitializeAsync(cancellationToken);
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        var (user, error) = await accounts.CreateAsync(new NewUser(userName, printedName, ["Admin"], null, password), "command-line", cancellationToken);
        if (user is null)
        {
            await output.WriteLineAsync($"add-admin: {error}");
            return 1;
        }
        app.Services.GetRequiredService<ILogger<UserAccounts>>().AdminCreated(user.UserName);
        await output.WriteLineAsync($"created admin {user.UserName} ({user.PrintedName})");
        return 0;
    }
}
