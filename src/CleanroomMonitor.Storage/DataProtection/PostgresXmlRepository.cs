using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CleanroomMonitor.Storage.DataProtection;

/// <summary>
/// The Data Protection key ring (the keys that protect sign-in cookies and antiforgery tokens) in a PostgreSQL table,
/// so every instance of the service reads and writes one key ring and a cookie issued by one is accepted by all
/// (docs/scale-out.md "Signing in on any instance").
/// </summary>
/// <remarks>
/// <para><see cref="IXmlRepository"/> is synchronous, so this class calls Npgsql synchronously. That is acceptable here:
/// the key ring is read when it is first needed and then only at its periodic refresh (about once a day, or when a key
/// is not found), and written when a key is created or revoked (every 90 days by default); no request waits on it in
/// the ordinary course.</para>
/// <para>The XML is stored as the key manager gives it. Unless the site configures an encryptor
/// (<c>ProtectKeysWith…</c>), the keys are in clear text in the table: the database's access control protects them,
/// exactly as it protects the records themselves.</para>
/// </remarks>
public sealed class PostgresXmlRepository : IXmlRepository, IDisposable
{
    /// <summary>The table holding the key ring, created when missing.</summary>
    public const string TableName = "data_protection_keys";

    // Two instances starting together would race on CREATE TABLE IF NOT EXISTS (it is not atomic in PostgreSQL: the
    // loser fails on a unique index of the catalogue); a transaction-scoped advisory lock serialises them.
    private const string CreateTable = $"""
        SELECT pg_advisory_xact_lock(hashtext('{TableName}'));
        CREATE TABLE IF NOT EXISTS {TableName} (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text NOT NULL UNIQUE,
            xml text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now());
        """;

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly FirstKeyGuard _firstKey;
    private readonly Lock _tableLock = new();
    private bool _tableEnsured;

    /// <param name="connectionString">The Npgsql connection string of the database holding the key ring (the records database).</param>
    /// <param name="logger">Where the table's creation is announced.</param>
    public PostgresXmlRepository(string connectionString, ILogger<PostgresXmlRepository> logger)
        : this(connectionString, logger, FirstKeyGuard.DefaultWaitLimit)
    {
    }

    /// <param name="firstKeyWait">How long to wait for another instance making the first key (tests shorten it).</param>
    internal PostgresXmlRepository(string connectionString, ILogger<PostgresXmlRepository> logger, TimeSpan firstKeyWait)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);
        _connectionString = connectionString;
        _logger = logger;
        _firstKey = new FirstKeyGuard(connectionString, firstKeyWait);
    }

    /// <summary>Every key and revocation stored by any instance, oldest first.</summary>
    /// <exception cref="InvalidDataException">A row does not hold well-formed XML (changed outside the service): the key
    /// ring is refused rather than read without it, since a missing revocation would make a revoked key valid again.</exception>
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        // A guard still held from an earlier empty read that did not lead to a key: no key is on its way.
        _firstKey.Release();
        List<XElement> elements;
        using (var connection = Open())
        {
            elements = Read(connection);
        }
        if (elements.Count > 0)
        {
            return elements;
        }
        // The key manager makes the first key next: hold the guard until it is stored, and read again under it, since
        // another instance may have stored its first key between the read above and now.
        if (_firstKey.Take() is not { } guarded)
        {
            _logger.DataProtectionFirstKeyUnguarded(_firstKey.WaitLimit);
            return elements;
        }
        try
        {
            elements = Read(guarded);
        }
        catch
        {
            _firstKey.Release();
            throw;
        }
        if (elements.Count > 0)
        {
            _firstKey.Release();
        }
        return elements;
    }

    private List<XElement> Read(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand($"SELECT id, friendly_name, xml FROM {TableName} ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            var xml = reader.GetString(2);
            try
            {
                elements.Add(XElement.Parse(xml));
            }
            catch (XmlException e)
            {
                var id = reader.GetInt64(0);
                var name = reader.GetString(1);
                _logger.DataProtectionKeyUnreadable(id, name, e.Message);
                throw new InvalidDataException(
                    $"Data Protection key ring: row {id} ('{name}') of table {TableName} is not well-formed XML ({e.Message}); it was changed outside the service. Restore it from a backup or delete the row (sessions protected by that key end).",
                    e);
            }
        }
        return elements;
    }

    /// <summary>Adds a key or revocation. A row with the same friendly name is kept as it is: names carry the key's id,
    /// so a second row under one name could only be the same key stored twice.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrWhiteSpace(friendlyName);
        EnsureTable();
        using var connection = Open();
        using var command = new NpgsqlCommand(
            $"INSERT INTO {TableName} (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        try
        {
            if (command.ExecuteNonQuery() == 0)
            {
                _logger.DataProtectionKeyAlreadyStored(friendlyName);
            }
        }
        finally
        {
            _firstKey.Release();
        }
    }

    private void EnsureTable()
    {
        lock (_tableLock)
        {
            if (_tableEnsured)
            {
                return;
            }
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            using (var command = new NpgsqlCommand(CreateTable, connection, transaction))
            {
                command.ExecuteNonQuery();
            }
            transaction.Commit();
            _tableEnsured = true;
            _logger.DataProtectionTableEnsured(TableName, connection.Database ?? "?");
        }
    }

    /// <summary>Lets go of the first-key guard, should this instance hold it.</summary>
    public void Dispose() => _firstKey.Dispose();

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
