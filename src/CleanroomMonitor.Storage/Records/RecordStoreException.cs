namespace CleanroomMonitor.Storage.Records;

/// <summary>The record store cannot be opened or used: the file cannot be created or written, is not a SQLite
/// database, is damaged, or was written by a newer schema. The message names the file and what to check.</summary>
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
