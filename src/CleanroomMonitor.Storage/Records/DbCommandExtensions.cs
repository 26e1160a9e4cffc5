using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Parameter binding for the record store's statements: every value goes in as a parameter, never as SQL text.
/// Written against ADO.NET's base classes so the same statements run on SQLite and PostgreSQL; parameters are named
/// <c>@name</c>, the one form both providers accept.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>A text parameter, typed even when null: PostgreSQL cannot infer the type of a bare NULL in
    /// <c>@x IS NULL OR column = @x</c>.</summary>
    public static DbCommand With(this DbCommand command, string name, string? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = System.Data.DbType.String;
        parameter.Value = value ?? (object)DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
