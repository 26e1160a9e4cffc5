using System.Security.Claims;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Api;

namespace CleanroomMonitor.Service.Security;

/// <summary>Accounts created on the server from the command line, before anyone can sign in:
/// <c>users add-admin --user NAME --name "PRINTED NAME"</c>, or <c>users add --user NAME --name "…" --role Operator
/// [--role QA] [--tenant T] [--keep-password]</c>. The password is read from the environment variable CLEANROOM_ADMIN_PASSWORD or, failing
/// that, from standard input — never an argument: it would show in the process list and the shell history.
/// The first admin chose their own password, so add-admin does not force a change. An account made with <c>users add</c>
/// got its password from someone else and must change it at first sign-in, unless <c>--keep-password</c> says the holder
/// chose it (or it is a local demo account, as deploy/local/demo.sh does): a deliberate, visible exemption.
/// <c>tokens add --name NAME --role Operator [--tenant T] --reason "…"</c> creates an API token (a service account such
/// as the MES, docs/security.md) and prints its secret alone on standard output, once.</summary>
public static class AdminCommand
{
    public static bool Matches(string[] args) => args is ["users", "add-admin" or "add", ..] or ["tokens", "add", ..];

    public static async Task<int> RunAsync(string[] args, WebApplication app, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var roles = args[1] == "add-admin"
            ? ["Admin"]
            : args.Select((a, i) => (a, i)).Where(x => x.a == "--role" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
        if (args[0] == "tokens")
        {
            return await AddTokenAsync(app, new NewTokenRequest(Option("--name"), roles, Option("--tenant"), Option("--reason")), output, cancellationToken);
        }
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

    private static async Task<int> AddTokenAsync(WebApplication app, NewTokenRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<IRecordStore>().InitializeAsync(cancellationToken);
        // The server's own command line stands for the admin here, as for "users add": the audit entry says so.
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "command-line"), new Claim(ClaimTypes.Role, "Admin")],
            "command-line", ClaimTypes.Name, ClaimTypes.Role));
        var outcome = await app.Services.GetRequiredService<UserAdministration>().CreateTokenAsync(request, admin, cancellationToken);
        if (outcome.Value is not { } token)
        {
            await Console.Error.WriteLineAsync($"tokens: {outcome.Error}");
            await Console.Error.WriteLineAsync("usage: CleanroomMonitor.Service tokens add --name NAME --role Viewer|Operator|QA [--role …] [--tenant T] --reason \"…\"");
            return 2;
        }
        await output.WriteLineAsync(token.Token);
        return 0;
    }
}
