using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The writer connection of an opened record store, the schema version the file had before (0: new file), the
/// append-only triggers that were missing and have been re-created, and what upgrading an older file did.</summary>
internal sealed record OpenedDatabase(DbConnection Connection, int PreviousVersion, IReadOnlyList<string> MissingTriggers,
    IReadOnlyList<string> Upgrades);
