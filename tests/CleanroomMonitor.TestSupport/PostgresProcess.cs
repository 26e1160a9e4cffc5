using System.Globalization;
using Npgsql;

namespace CleanroomMonitor.TestSupport;

/// <summary>
/// A real PostgreSQL 15 server (Debian's <c>postgresql-15</c>) in its own temporary cluster: <c>initdb</c> into a fresh
/// folder, then <c>postgres</c> in the foreground on a free loopback port (no Unix socket outside the folder), password
/// authentication for one superuser. Each test takes a database of its own with <see cref="CreateDatabaseAsync"/>, so one
/// server can serve a whole test class. <see cref="StopAsync"/> and <see cref="StartAgainAsync"/> make an outage and the
/// return, with the data kept.
/// </summary>
/// <remarks>PostgreSQL refuses to run as root. Under root (CI, containers) the folder is handed to Debian's
/// <c>postgres</c> account and both programs run under it through <c>setpriv</c>, which execs them in place: the process
/// this class signals is the server itself.</remarks>
public sealed class PostgresProcess : IAsyncDisposable
{
    /// <summary>The account's password, in every connection string (tests only, loopback only).</summary>
    public const string Password = "cleanroom-test";

    /// <summary>The superuser initdb creates.</summary>
    public const string UserName = "cleanroom";

    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory;
    private readonly System.Text.StringBuilder _previousOutput = new();
    private ServerProcess? _server;
    private int _databases;

    private PostgresProcess(TempDirectory directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The cluster's data folder.</summary>
    public string DataDirectory => _directory.Combine("data");

    /// <summary>Everything the server wrote, across restarts, for assertion messages.</summary>
    public string Output => _previousOutput + (_server?.Output ?? string.Empty);

    public bool IsRunning => _server is { HasExited: false };

    /// <summary>The server's process id (for its CPU time, or a SIGKILL from a test).</summary>
    public int ProcessId => _server?.Id ?? throw new InvalidOperationException("The server is not running.");

    /// <summary>Creates a cluster and starts its server; completes when it accepts queries.</summary>
    public static async Task<PostgresProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var directory = new TempDirectory("postgres");
        try
        {
            await InitDbAsync(directory, cancellationToken);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
        // FreePort can race with another process taking the port before the server binds it: try a few ports.
        for (var attempt = 1; ; attempt++)
        {
            var server = new PostgresProcess(directory, FreePort.Next());
            try
            {
                await server.StartAgainAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.Output.Contains("Address already in use", StringComparison.Ordinal))
            {
                await server.StopAsync();
            }
            catch
            {
                await server.StopAsync();
                directory.Dispose();
                throw;
            }
        }
    }

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = UserName,
            Password = Password,
            Database = database,
            // A test's outage must not leave pooled connections that fail the next test's first command.
            Pooling = false,
        }.ConnectionString;

    /// <summary>Creates an empty database of its own for one test and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "test_" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Runs <paramref name="sql"/> on <paramref name="connectionString"/>'s database, the way an operator with
    /// direct access would (set-up, tampering, outage checks).</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row <paramref name="sql"/> returns, read directly from the database.</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Stops the server: SIGTERM is PostgreSQL's "smart" shutdown (waits for sessions to end), so a fast one
    /// (SIGINT, sessions cut, data flushed) is sent instead; <paramref name="kill"/> sends SIGKILL, a crash (recovery
    /// from the WAL on the next start).</summary>
    public async Task StopAsync(bool kill = false)
    {
        if (_server is null)
        {
            return;
        }
        await _server.StopAsync(kill, signal: "INT");
        _previousOutput.Append(_server.Output);
        await _server.DisposeAsync();
        _server = null;
    }

    /// <summary>Starts the server again on the same port with the same data and waits until it accepts queries.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The server is already running.");
        }
        string[] arguments =
        [
            "-D", DataDirectory,
            "-c", "listen_addresses=" + Host,
            "-c", "port=" + Port.ToString(CultureInfo.InvariantCulture),
            "-c", "unix_socket_directories=" + _directory.Path,
            "-c", "max_connections=200",
        ];
        _server = Start(Path.Combine(BinDirectory, "postgres"), arguments, _directory.Path);
        await _server.WaitUntilReadyAsync(AcceptsQueriesAsync, ReadyTimeout, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }

    private async Task<bool> AcceptsQueriesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString());
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;   // not listening yet, or "the database system is starting up"
        }
    }

    private static async Task InitDbAsync(TempDirectory directory, CancellationToken cancellationToken)
    {
        var passwordFile = directory.Combine("password");
        await File.WriteAllTextAsync(passwordFile, Password, cancellationToken);
        if (RunsAsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory.Path], cancellationToken);
        }
        var initdb = Start(Path.Combine(BinDirectory, "initdb"),
            ["-D", directory.Combine("data"), "-U", UserName, "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
            directory.Path);
        await using (initdb)
        {
            await initdb.WaitForExitAsync(cancellationToken);
            if (initdb.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb exited with code {initdb.ExitCode}:\n{initdb.Output}");
            }
        }
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    /// <summary>Starts a PostgreSQL program, under the <c>postgres</c> account when this process is root.</summary>
    private static ServerProcess Start(string program, IEnumerable<string> arguments, string workingDirectory) =>
        RunsAsRoot
            ? ServerProcess.Start("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program, .. arguments], workingDirectory)
            : ServerProcess.Start(program, arguments, workingDirectory);

    private static async Task RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        await using var process = ServerProcess.Start(program, arguments);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with code {process.ExitCode}:\n{process.Output}");
        }
    }
}
