using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.TestSupport;
using Npgsql;

namespace CleanroomMonitor.IntegrationTests.Reliability;

/// <summary>The service with its GMP records in PostgreSQL (<c>Records:Provider=Postgres</c>, docs/scale-out.md "Records in
/// PostgreSQL"): an excursion raised by a reading is stored in the database, read back through the API, and the audit
/// trail verifies intact.</summary>
public sealed class PostgresRecordsEndToEndTests
{
    [Fact]
    public async Task ReadingOverTheActionLimit_RecordsInPostgres_ExcursionStoredThereAndAuditTrailIntact()
    {
        await using var postgres = await PostgresProcess.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var rig = await MonitorRig.StartAsync(new Dictionary<string, string?>
        {
            ["Records:Provider"] = "Postgres",
            ["Records:ConnectionString"] = database,
        });

        await rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), """{"values":{"temperature":26}}""");
        var id = await rig.WaitForExcursionAsync("th1");

        var excursion = await rig.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/excursions/{id}", UriKind.Relative));
        Assert.Equal("th1", excursion.GetProperty("sensor").GetString());
        Assert.Equal(1L, await PostgresProcess.ScalarAsync(database, $"SELECT count(*) FROM excursions WHERE id = '{id:D}' AND sensor = 'th1'"));
        Assert.True((long)(await PostgresProcess.ScalarAsync(database, $"SELECT count(*) FROM audit WHERE entity_id = '{id:D}'"))! >= 1);
        var verification = await rig.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit/verify", UriKind.Relative));
        Assert.True(verification.GetProperty("isIntact").GetBoolean(), verification.ToString());
        Assert.Equal(await PostgresProcess.ScalarAsync(database, "SELECT count(*) FROM audit"), verification.GetProperty("entries").GetInt64());
        Assert.True(rig.Log.Contains($"{postgres.Host}:{postgres.Port}/"), rig.Log.Tail());   // the log names the database
        Assert.False(rig.Log.Contains(PostgresProcess.Password), "the log must not show the password");
    }
}
