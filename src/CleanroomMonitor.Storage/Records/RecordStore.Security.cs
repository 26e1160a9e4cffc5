using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Users, API tokens and room leases, in the same file and the same audit hash chain as the GMP records.</summary>
public sealed partial class RecordStore : IUserStore
{
    public async Task<User?> FindUserAsync(string userName, CancellationToken cancellationToken) =>
        (await ReadRecordsAsync<User>("SELECT record FROM users WHERE user_name = @name", c => c.With("@name", userName), cancellationToken))
            is [var user] ? user : null;

    public Task<IReadOnlyList<User>> UsersAsync(CancellationToken cancellationToken) =>
        ReadRecordsAsync<User>("SELECT record FROM users ORDER BY user_name", _ => { }, cancellationToken);

    public Task SaveUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The audit shows who the user is and what they may do, never the password hash or the previous ones.
        return UpsertAsync("users", "user_name", user.Id, user.UserName, RecordJson.Serialize(user), AuditEntity.User, audit,
            json => RecordJson.Serialize(RecordJson.Deserialize<User>(json) with { PasswordHash = "(hidden)", PreviousPasswordHashes = null }), cancellationToken);
    }

    public async Task<ApiToken?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        (await ReadRecordsAsync<ApiToken>("SELECT record FROM api_tokens WHERE token_hash = @hash", c => c.With("@hash", tokenHash), cancellationToken))
            is [var token] ? token : null;

    public Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken) =>
        ReadRecordsAsync<ApiToken>("SELECT record FROM api_tokens ORDER BY rowid", _ => { }, cancellationToken);

    public Task SaveTokenAsync(ApiToken token, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return UpsertAsync("api_tokens", "token_hash", token.Id, token.TokenHash, RecordJson.Serialize(token), AuditEntity.ApiToken, audit, json => json, cancellationToken);
    }

    public Task<IReadOnlyList<RoomLease>> LeasesAsync(CancellationToken cancellationToken) =>
        ReadRecordsAsync<RoomLease>("SELECT record FROM room_leases ORDER BY rowid", _ => { }, cancellationToken);

    public Task SaveLeaseAsync(RoomLease lease, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return UpsertAsync("room_leases", "room", lease.Id, lease.Room.Value, RecordJson.Serialize(lease), AuditEntity.RoomLease, audit, json => json, cancellationToken);
    }

    /// <summary>Inserts or updates one row of a security table (id, one indexed column, the record as JSON) and appends
    /// its audit entry, in one transaction; <paramref name="forAudit"/> shapes what the audit shows of old and new values.</summary>
    private async Task UpsertAsync(string table, string column, Guid key, string columnValue, string json, string entity, AuditEntry audit,
        Func<string, string> forAudit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var id = key.ToString("D");
        await WriteAsync(async (connection, transaction) =>
        {
            var old = await ScalarTextAsync(connection, transaction, $"SELECT record FROM {table} WHERE id = @key", id, cancellationToken);
            // Table and column names are this class's constants, never input; the values are parameters.
            await using var upsert = connection.Command(
                    $"INSERT INTO {table} (id, {column}, record) VALUES (@id, @value, @record) " +
                    $"ON CONFLICT (id) DO UPDATE SET {column} = excluded.{column}, record = excluded.record", transaction)
                .With("@id", id).With("@value", columnValue).With("@record", json);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            await AuditTrail.AppendAsync(connection, transaction,
                ForEntity(audit, entity, id, old is null ? null : forAudit(old), forAudit(json)), cancellationToken);
        }, cancellationToken);
    }
}
