using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Service.Security;

/// <summary>Accounts created on the server from the command line, before anyone can sign in:
/// <c>users add-admin --user NAME --name "PRINTED NAME"</c>, or <c>users add --user NAME --name "…" --role Operator
/// [--role QA] [--tenant T] [--keep-password]</c>. The password is read from the environment variable CLEANROOM_ADMIN_PASSWORD or, failing
/// that, from standard input — never an argument: it would show in the process list and the shell history.
/// The first admin chose their own password, so add-admin does not force a change. An account made with <c>users add</c>
/// got its password from someone else and must change it at first sign-in, unless <c>--keep-password</c> says the holder
/// chose it (or it is a local demo account, as deploy/local/demo.sh does): a deliberate, visible exemption.</summary>
public static class AdminCommand
{
    public static bool Matches(string[] args) => args is ["users", "add-admin" or "add", ..];

    public static async Task<int> RunAsync(string[] args, WebApplication app, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var roles = args[1] == "add-admin"
            ? ["Admin"]
            : args.Select((a, i) => (a, i)).Where(x => x.a == "--role" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
        var userName = Option("--user");
        var printedName = Option("--name");
        if (userName is null || printedName is null || roles.Count == 0)
        {
            await output.WriteLineAsync("usage: CleanroomMonitor.Service users add-admin --user NAME --name \"PRINTED NAME\"");
            await output.WriteLineAsync("       CleanroomMonitor.Service users add --user NAME --name \"PRINTED NAME\" --role Viewer|Operator|QA|Admin [--role …] [--tenant T] [--keep-password]");
            await output.WriteLineAsync("       (the password from CLEANROOM_ADMIN_PASSWORD or standard input)");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable("CLEANROOM_ADMIN_PASSWORD") ?? await input.ReadLineAsync(cancellationToken);
        await app.Services.GetRequiredService<IRecordStore>().InitializeAsync(cancellationToken);
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        var chosenByHolder = args[1] == "add-admin" || args.Contains("--keep-password");
        var (user, error) = await accounts.CreateAsync(new NewUser(userName, printedName, roles, Option("--tenant"), password), "command-line", cancellationToken,
            passwordChosenByHolder: chosenByHolder);
        if (user is null)
        {
            await output.WriteLineAsync($"users: {error}");
            return error!.Contains("exists", StringComparison.Ordinal) ? 3 : 1;
        }
        app.Services.GetRequiredService<ILogger<UserAccounts>>().AdminCreated(user.UserName);
        await output.WriteLineAsync($"created {string.Join(",", user.Roles)} {user.UserName} ({user.PrintedName})");
        return 0;
    }
}
