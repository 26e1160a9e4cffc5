namespace CleanroomMonitor.Modbus.Tests.Profiles;

public sealed class SampleDecoderGoldenTests
{
    public static TheoryData<string> Cases() =>
        new(Directory.GetDirectories(GoldenCase.Root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal));

    [Theory, MemberData(nameof(Cases))]
    public void Decode_GoldenCase_MatchesExpected(string name) => GoldenCase.AssertMatches(Path.Combine(GoldenCase.Root, name));
}
