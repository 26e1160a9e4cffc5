using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Users, API tokens and room leases, in the same file and the same audit hash chain as the GMP records.</summary>
public sealed partial class SqliteRecordStore : IUserStore
{
    public const string UserEntity = "user";
    public const string TokenEntity = "api_token";
    public const string LeaseEntity = "room_lease";

    public async Task<User?> FindUserAsync(string userName, CancellationToken cancellationToken) =>
        (await ReadRecordsAsync<User>("SELECT record FROM users WHERE user_name = $name", c => c.With("$name", userName), cancellationToken))
            is [var user] ? user : null;

    public Task<IReadOnlyList<User>> UsersAsync(CancellationToken cancellationToken) =>
        ReadRecordsAsync<User>("SELECT record FROM users ORDER BY user_name", _ => { }, cancellationToken);

    public async Task SaveUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(audit);
        var id = user.Id.ToString("D");
        var json = RecordJson.Serialize(user);
        await WriteAsync(async (connection, transaction) =>
        {
            var old = await ScalarTextAsync(connection, transaction, "SELECT record FROM users WHERE id = $key", id, cancellationToken);
            await using var upsert = connection.Command(
                    "INSERT INTO users (id, user_name, record) VALUES ($id, $name, $record) " +
                    "ON CONFLICT (id) DO UPDATE SET user_name = excluded.user_name, record = excluded.record", transaction)
                .With("$id", id).With("$name", user.UserName).With("$record", json);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            // The audit shows who the user is and what they may do, never the password hash.
            await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, UserEntity, id,
                old is null ? null : RecordJson.Serialize(RecordJson.Deserialize<User>(old) with { PasswordHash = "(hidden)" }),
                RecordJson.Serialize(user with { PasswordHash = "(hidden)" })), cancellationToken);
        }, cancellationToken);
    }

    public async Task<ApiToken?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        (await ReadRecordsAsync<ApiToken>("SELECT record FROM api_tokens WHERE token_hash = $hash", c => c.With("$hash", tokenHash), cancellationToken))
            is [var token] ? token : null;

    public Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken) =>
        ReadRecordsAsync<ApiToken>("SELECT record FROM api_tokens ORDER BY rowid", _ => { }, cancellationToken);

    public async Task SaveTokenAsync(ApiToken token, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(audit);
        var id = token.Id.ToString("D");
        var json = RecordJson.Serialize(token);
        await WriteAsync(async (connection, transaction) =>
        {
            var old = await ScalarTextAsync(connection, transaction, "SELECT record FROM api_tokens WHERE id = $key", id, cancellationToken);
            await using var upsert = connection.Command(
                    "INSERT INTO api_tokens (id, token_hash, record) VALUES ($id, $hash, $record) " +
                    "ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, record = excluded.record", transaction)
                .With("$id", id).With("$hash", token.TokenHash).With("$record", json);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, TokenEntity, id, old, json), cancellationToken);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<RoomLease>> LeasesAsync(CancellationToken cancellationToken) =>
        ReadRecordsAsync<RoomLease>("SELECT record FROM room_leases ORDER BY rowid", _ => { }, cancellationToken);

    public async Task SaveLeaseAsync(RoomLease lease, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(audit);
        var id = lease.Id.ToString("D");
        var json = RecordJson.Serialize(lease);
        await WriteAsync(async (connection, transaction) =>
        {
            var old = await ScalarTextAsync(connection, transaction, "SELECT record FROM room_leases WHERE id = $key", id, cancellationToken);
            await using var upsert = connection.Command(
                    "INSERT INTO room_leases (id, room, tenant, record) VALUES ($id, $room, $tenant, $record) " +
                    "ON CONFLICT (id) DO UPDATE SET room = excluded.room, tenant = excluded.tenant, record = excluded.record", transaction)
                .With("$id", id).With("$room", lease.Room.Value).With("$tenant", lease.Tenant).With("$record", json);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, LeaseEntity, id, old, json), cancellationToken);
        }, cancellationToken);
    }
}
