namespace CleanroomMonitor.Storage.Records;

/// <summary>The record store cannot be opened or used: the file cannot be created or written, is not a SQLite
/// database, is damaged, the PostgreSQL database cannot be reached or refuses the store's user, a write was refused (an
/// append-only trigger's message is kept), or the schema is newer. The message names the file or host:port/database
/// (never a password) and what to check.</summary>
public sealed class RecordStoreException : Exception
{
    public RecordStoreException()
    {
    }

    public RecordStoreException(string message)
        : base(message)
    {
    }

    public RecordStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
