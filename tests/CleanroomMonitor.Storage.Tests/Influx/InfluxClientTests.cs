using System.Buffers;
using System.Net;
using System.Text;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Storage.Tests.Influx;

[Collection(SharedInfluxd.Name)]
public sealed class InfluxClientTests(InfluxFixture fixture)
{
    private const string Measurement = "room climate, B";
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_767_600_000_123);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteAsync_TrickyEscaping_ReadBackExactly(bool gzip)
    {
        var sut = await fixture.CreateClientAsync(o => o.Gzip = gzip);
        var output = new ArrayBufferWriter<byte>();
        new LineProtocolWriter(output)
            .Measurement(Measurement)
            .Tag("room id", "B 1,fill=line")
            .Tag("site", "Zürich ⚗ 温度")
            .Tag("path", "C:\\logs")
            .Field("text", "say \"hi\"\\ back\\slash, a=b\nnext line")
            .Field("ratio", 0.1)
            .Field("huge", 1e20)
            .Field("tiny", 1e-5)
            .Field("min", long.MinValue)
            .Field("max", long.MaxValue)
            .Field("ok", true)
            .Timestamp(T0);

        await sut.WriteAsync(output.WrittenMemory, CancellationToken.None);
        var result = await sut.QueryAsync($"SELECT * FROM {InfluxClient.QuoteIdentifier(Measurement)} GROUP BY *", CancellationToken.None);

        var series = Assert.Single(result.Series);
        Assert.Equal(Measurement, series.Name);
        Assert.Equal(new Dictionary<string, string> { ["room id"] = "B 1,fill=line", ["site"] = "Zürich ⚗ 温度", ["path"] = "C:\\logs" }, series.Tags);
        Assert.Single(series.Values);
        Assert.Equal(T0.ToUnixTimeMilliseconds(), series.Get(0, "time").GetInt64());
        Assert.Equal("say \"hi\"\\ back\\slash, a=b\nnext line", series.Get(0, "text").GetString());
        Assert.Equal(0.1, series.Get(0, "ratio").GetDouble());
        Assert.Equal(1e20, series.Get(0, "huge").GetDouble());
        Assert.Equal(1e-5, series.Get(0, "tiny").GetDouble());
        Assert.Equal(long.MinValue, series.Get(0, "min").GetInt64());
        Assert.Equal(long.MaxValue, series.Get(0, "max").GetInt64());
        Assert.True(series.Get(0, "ok").GetBoolean());
    }

    [Fact]
    public async Task WriteAsync_SamePointTwice_StoredOnce()
    {
        var sut = await fixture.CreateClientAsync();
        var line = Encoding.UTF8.GetBytes("m,sensor=S1 v=1.5 1767600000123");

        await sut.WriteAsync(line, CancellationToken.None);
        await sut.WriteAsync(line, CancellationToken.None);

        Assert.Equal(1, await InfluxFixture.CountAsync(sut, "m", "v"));
    }

    [Fact]
    public async Task WriteAsync_MalformedLine_ThrowsNonRetryableWithInfluxMessage()
    {
        var sut = await fixture.CreateClientAsync();

        var ex = await Assert.ThrowsAsync<InfluxWriteException>(() => sut.WriteAsync("m v= 1000"u8.ToArray(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.False(ex.IsRetryable);
        Assert.Contains("unable to parse", ex.ServerError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_UnknownDatabase_ThrowsNonRetryableNotFound()
    {
        var sut = fixture.CreateClient(new InfluxOptions { Url = fixture.Influx.Url, Database = InfluxFixture.NewDatabaseName() });

        var ex = await Assert.ThrowsAsync<InfluxWriteException>(() => sut.WriteAsync("m v=1 1000"u8.ToArray(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.False(ex.IsRetryable);
        Assert.Contains("database not found", ex.ServerError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NothingListening_ThrowsRetryableWithoutStatus()
    {
        var sut = fixture.CreateClient(new InfluxOptions { Url = new Uri($"http://127.0.0.1:{FreePort.Next()}") });

        var ex = await Assert.ThrowsAsync<InfluxWriteException>(() => sut.WriteAsync("m v=1 1000"u8.ToArray(), CancellationToken.None));

        Assert.True(ex.IsRetryable);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task QueryAsync_InvalidStatement_ThrowsWithInfluxMessage()
    {
        var sut = await fixture.CreateClientAsync();

        var ex = await Assert.ThrowsAsync<InfluxQueryException>(() => sut.QueryAsync("SELEC nothing", CancellationToken.None));

        Assert.Contains("error parsing query", ex.ServerError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_StatementErrorInsideResults_Throws()
    {
        var sut = await fixture.CreateClientAsync();

        var ex = await Assert.ThrowsAsync<InfluxQueryException>(() => sut.QueryAsync("SHOW RETENTION POLICIES ON no_such_database", CancellationToken.None));

        Assert.Contains("database not found", ex.ServerError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureDatabaseAsync_WithRetentionPolicy_CreatesItOnceAndWritesGoThere()
    {
        var sut = await fixture.CreateClientAsync(o => o.RetentionPolicy = "gmp forever");

        await sut.EnsureDatabaseAsync(CancellationToken.None);
        await sut.WriteAsync("m v=1 1000"u8.ToArray(), CancellationToken.None);

        var policies = await sut.QueryAsync("SHOW RETENTION POLICIES", CancellationToken.None);
        Assert.Contains(policies.Series[0].Values, row => row[0].GetString() == "gmp forever");
        var stored = await sut.QueryAsync("SELECT v FROM \"gmp forever\".m", CancellationToken.None);
        Assert.Single(stored.Series);
    }

    [Fact]
    public async Task PingAsync_ServerRunning_ReturnsTrue()
    {
        var sut = fixture.CreateClient(new InfluxOptions { Url = fixture.Influx.Url });

        Assert.True(await sut.PingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PingAsync_NothingListening_ReturnsFalse()
    {
        var sut = fixture.CreateClient(new InfluxOptions { Url = new Uri($"http://127.0.0.1:{FreePort.Next()}") });

        Assert.False(await sut.PingAsync(CancellationToken.None));
    }
}
