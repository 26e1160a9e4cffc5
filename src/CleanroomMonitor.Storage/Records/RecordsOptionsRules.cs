using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The cross-field rules of <see cref="RecordsOptions"/>, all reported in one pass.</summary>
internal sealed class RecordsOptionsRules : IValidateOptions<RecordsOptions>
{
    public ValidateOptionsResult Validate(string? name, RecordsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        if (options.Provider == RecordsProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                result.AddError($"{RecordsOptions.SectionName}:ConnectionString = '{options.ConnectionString}': expected the PostgreSQL connection string, because Records:Provider is Postgres");
            }
            else if (ConnectionStringProblem(options.ConnectionString) is { } problem)
            {
                // The value is not repeated: it may hold a password. The problem names the keyword at fault.
                result.AddError($"{RecordsOptions.SectionName}:ConnectionString: not a PostgreSQL connection string ({problem})");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            result.AddError($"{RecordsOptions.SectionName}:Provider = '{options.Provider}': expected Postgres, because Records:ConnectionString is set (a connection string beside the SQLite file would be ignored)");
        }
        return result.Build();
    }

    private static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "Host is missing" : null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
