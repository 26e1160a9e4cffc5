using System.Globalization;
using System.Text;

namespace CleanroomMonitor.IntegrationTests.Reliability;

/// <summary>Bad input at volume: mutated payloads of every kind interleaved with valid readings. The service stays up,
/// every valid reading is stored, nothing else is, and every refusal is counted.</summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private const int Mutants = 20_000;
    private const int ValidEvery = 20;
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task MutatedPayloads_AreRefusedAndCountedWhileValidReadingsInterleavedAreAllStored()
    {
        var random = new Random(20261122);
        var template = Encoding.UTF8.GetBytes("""{"ts":"2026-11-22T08:00:00.000Z","seq":1,"counts":{"particles_0_5um":120,"particles_5_0um":1},"volume_l":28.3}""");
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        var sends = new List<Task>(Mutants + Mutants / ValidEvery);
        var valid = 0;
        for (var i = 0; i < Mutants; i++)
        {
            sends.Add(_rig.Publisher.PublishAsync(MonitorRig.Topic("cr1", "pc1"), Mutate(template, random), 1, false, default));
            if (i % ValidEvery == 0)
            {
                var ts = start.AddMilliseconds(valid).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                sends.Add(_rig.PublishAsync(MonitorRig.Topic("cr1", "dp1"), $$$"""{"ts":"{{{ts}}}","values":{"differential_pressure":15}}"""));
                valid++;
            }
            if (sends.Count >= 2_000)
            {
                await Task.WhenAll(sends);
                sends.Clear();
            }
        }
        await Task.WhenAll(sends);

        // One connection, one decoding task: when the last valid reading is stored, every payload sent before it was judged.
        await _rig.WaitForPointsAsync(valid, TimeSpan.FromSeconds(60), "WHERE \"sensor\" = 'dp1'");
        var status = await _rig.IngestStatusAsync();
        Assert.Equal(valid, await _rig.CountPointsAsync("WHERE \"sensor\" = 'dp1'"));
        Assert.True(status.Rejected > Mutants / 2, $"only {status.Rejected} rejections of {Mutants} mutants");
        Assert.All(status.Rejections, r => Assert.True(r.Count > 0));
        Assert.Contains(status.Rejections, r => r.Reason == "MalformedPayload");
        Assert.Contains(status.Rejections, r => r.Reason == "OversizePayload");
        Assert.Contains(status.Rejections, r => r.Reason == "NegativeCount");
        Assert.Equal(valid + await _rig.CountPointsAsync("WHERE \"sensor\" = 'pc1'"), status.Accepted);   // accepted = stored, exactly
        // A mutant that still decodes to a valid sample is a reading like any other: stored, never half-stored.
        var particlePoints = await _rig.CountPointsAsync("WHERE \"sensor\" = 'pc1'");
        Assert.Equal(0, particlePoints % 2);
        Assert.True((await _rig.Http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode);
    }

    /// <summary>Random bytes, truncation, bit flips, huge numbers, deep nesting, invalid UTF-8, 1 MB bodies, wrong types.</summary>
    private static byte[] Mutate(byte[] template, Random random)
    {
        switch (random.Next(9))
        {
            case 0:
                var bytes = new byte[random.Next(1, 200)];
                random.NextBytes(bytes);
                return bytes;
            case 1:
                return template[..random.Next(0, template.Length)];
            case 2:
                var flipped = (byte[])template.Clone();
                for (var k = 0; k < 3; k++)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }
                return flipped;
            case 3:
                return Encoding.UTF8.GetBytes("""{"counts":{"particles_0_5um":1e308,"particles_5_0um":99999999999999999999999},"volume_l":1e-320}""");
            case 4:
                return Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000));
            case 5:
                return [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D];   // {"\xC3(":1} invalid UTF-8
            case 6:
                return random.Next(50) == 0 ? new byte[1024 * 1024] : Encoding.UTF8.GetBytes("""{"values":{"temperature":"warm"}}""");
            case 7:
                return Encoding.UTF8.GetBytes("""{"counts":{"particles_0_5um":-5,"particles_5_0um":0},"volume_l":28.3}""");
            default:
                return Encoding.UTF8.GetBytes("""{"ts":"2026-13-45T99:99:99Z","counts":{"particles_0_5um":1},"volume_l":"NaN"}""");
        }
    }
}
