namespace CleanroomMonitor.Storage.Records;

/// <summary>The database engine of the record store (<c>Records:Provider</c>).</summary>
public enum RecordsProvider
{
    /// <summary>One SQLite file on the service's machine: the embedded default for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every instance of the site (<c>Records:ConnectionString</c>).</summary>
    Postgres,
}
