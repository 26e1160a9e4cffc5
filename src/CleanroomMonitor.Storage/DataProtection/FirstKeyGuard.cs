using Npgsql;

namespace CleanroomMonitor.Storage.DataProtection;

/// <summary>
/// Lets one instance at a time make the key ring's first key. Instances that start together on an empty table would
/// otherwise each make a key of their own and sign with it; an instance reads the others' keys only at its daily re-read
/// (or within its first two minutes, when a cookie names an unknown key), so for up to a day each would refuse the
/// others' cookies. Held from the read that found the table empty until the key is stored: the next instance waits,
/// reads again, and finds that key.
/// </summary>
/// <remarks>A PostgreSQL session-level advisory lock on a connection of its own: the server releases it if this process
/// dies while holding it. Later keys need no guard: ASP.NET Core makes them two days before they are used, so every
/// instance has read them in time.</remarks>
internal sealed class FirstKeyGuard(string connectionString, TimeSpan waitLimit) : IDisposable
{
    /// <summary>How long an instance waits for another to store the first key before going on without the guard (and
    /// possibly making a second key, which is the behaviour without it, not an error): storing a key takes milliseconds.</summary>
    public static readonly TimeSpan DefaultWaitLimit = TimeSpan.FromSeconds(10);

    public TimeSpan WaitLimit => waitLimit;

    private const string LockKey = "hashtext('data_protection_keys.first_key')";

    private readonly Lock _gate = new();
    private NpgsqlConnection? _held;

    /// <summary>Takes the lock and returns its connection (to read the table again under it); null when
    /// <see cref="WaitLimit"/> passed first.</summary>
    public NpgsqlConnection? Take()
    {
        lock (_gate)
        {
            Release();
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                connection.Open();
                using var command = new NpgsqlCommand(
                    $"SET lock_timeout = {(int)waitLimit.TotalMilliseconds}; SELECT pg_advisory_lock({LockKey}); SET lock_timeout = 0", connection);
                command.ExecuteNonQuery();
                _held = connection;
                return connection;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                connection.Dispose();
                return null;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }

    /// <summary>Lets the next instance go on (the first key is stored, or no key was made after all). Closing the
    /// connection ends its session, and with it the lock.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _held?.Dispose();
            _held = null;
        }
    }

    public void Dispose() => Release();
}
