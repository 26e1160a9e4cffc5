using System.Buffers;
using System.Text;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Storage.Tests.Influx;

public sealed class LineProtocolWriterTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_767_600_000_123);
    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly LineProtocolWriter _sut;

    public LineProtocolWriterTests()
    {
        _sut = new LineProtocolWriter(_output);
    }

    private string Text => Encoding.UTF8.GetString(_output.WrittenSpan);

    [Fact]
    public void Timestamp_SimplePoint_WritesOneLineWithoutNewline()
    {
        _sut.Measurement("pressure").Tag("room", "B1").Field("value", 12.5).Timestamp(T0);

        Assert.Equal("pressure,room=B1 value=12.5 1767600000123", Text);
    }

    [Fact]
    public void Measurement_SecondPoint_SeparatedByNewline()
    {
        _sut.Measurement("m").Field("v", 1L).Timestamp(T0);
        _sut.Measurement("m").Field("v", 2L).Timestamp(T0.AddMilliseconds(1));

        Assert.Equal("m v=1i 1767600000123\nm v=2i 1767600000124", Text);
    }

    [Theory]
    [InlineData("room temp", "room\\ temp")]
    [InlineData("a,b", "a\\,b")]
    [InlineData("a=b", "a=b")]              // an equals sign needs no escape in a measurement
    [InlineData("a\\b", "a\\b")]            // a backslash before an ordinary character is literal
    [InlineData("Reinraum ÄÖÜ 温度", "Reinraum\\ ÄÖÜ\\ 温度")]
    public void Measurement_SpecialCharacters_Escaped(string name, string expected)
    {
        _sut.Measurement(name).Field("v", true).Timestamp(T0);

        Assert.Equal($"{expected} v=true 1767600000123", Text);
    }

    [Theory]
    [InlineData("key with space", "v a,l=ue", "key\\ with\\ space=v\\ a\\,l\\=ue")]
    [InlineData("k=1", "x", "k\\=1=x")]
    [InlineData("path", "C:\\data", "path=C:\\data")]
    [InlineData("raum", "Füllung ⚗", "raum=Füllung\\ ⚗")]
    [InlineData("q", "\"quoted\"", "q=\"quoted\"")]   // quotes are ordinary in tags
    public void Tag_SpecialCharacters_Escaped(string key, string value, string expected)
    {
        _sut.Measurement("m").Tag(key, value).Field("v", 1L).Timestamp(T0);

        Assert.Equal($"m,{expected} v=1i 1767600000123", Text);
    }

    [Theory]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\dir\\", "\"C:\\\\dir\\\\\"")]
    [InlineData("a,b=c d", "\"a,b=c d\"")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    [InlineData("", "\"\"")]
    [InlineData("日本語 ✓", "\"日本語 ✓\"")]
    public void Field_String_QuotedAndEscaped(string value, string expected)
    {
        _sut.Measurement("m").Field("s", value).Timestamp(T0);

        Assert.Equal($"m s={expected} 1767600000123", Text);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(-0.0, "-0")]
    [InlineData(1.0, "1")]
    [InlineData(123456789.123, "123456789.123")]
    [InlineData(1e20, "1E+20")]                     // InfluxDB 1.6 parses exponents (checked against influxd)
    [InlineData(1e-5, "1E-05")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    [InlineData(double.Epsilon, "5E-324")]
    [InlineData(-273.15, "-273.15")]
    public void Field_Double_RoundTripInvariant(double value, string expected)
    {
        _sut.Measurement("m").Field("v", value).Timestamp(T0);

        Assert.Equal($"m v={expected} 1767600000123", Text);
        Assert.Equal(value, double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0L, "0i")]
    [InlineData(-42L, "-42i")]
    [InlineData(long.MaxValue, "9223372036854775807i")]
    [InlineData(long.MinValue, "-9223372036854775808i")]
    public void Field_Long_WrittenWithISuffix(long value, string expected)
    {
        _sut.Measurement("m").Field("v", value).Timestamp(T0);

        Assert.Equal($"m v={expected} 1767600000123", Text);
    }

    [Fact]
    public void Field_SeveralOfEachKind_CommaSeparatedWithEscapedKeys()
    {
        _sut.Measurement("m").Tag("a", "1").Tag("b", "2").Field("f x", 1.5).Field("i,n", 2L).Field("b=", false).Field("s", "t").Timestamp(T0);

        Assert.Equal("m,a=1,b=2 f\\ x=1.5,i\\,n=2i,b\\==false,s=\"t\" 1767600000123", Text);
    }

    [Fact]
    public void Timestamp_BeforeEpoch_WrittenNegative()
    {
        _sut.Measurement("m").Field("v", 1L).Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(-1500));

        Assert.Equal("m v=1i -1500", Text);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Field_NotFinite_ThrowsArgumentException(double value)
    {
        Assert.Throws<ArgumentException>(() => _sut.Measurement("m").Field("v", value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("ends\\")]
    [InlineData("a\\ b")]
    [InlineData("a\\,b")]
    [InlineData("a\\=b")]
    public void Tag_UnrepresentableKeyOrValue_ThrowsArgumentException(string text)
    {
        _sut.Measurement("m");

        Assert.Throws<ArgumentException>(() => _sut.Tag(text, "v"));
        Assert.Throws<ArgumentException>(() => _sut.Tag("k", text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    [InlineData("#comment")]
    [InlineData("ends\\")]
    public void Measurement_UnrepresentableName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => _sut.Measurement(name));
    }

    [Fact]
    public void Field_LoneSurrogate_ThrowsArgumentException()
    {
        _sut.Measurement("m");

        Assert.ThrowsAny<ArgumentException>(() => _sut.Field("s", "bad \ud800 text"));
    }

    [Fact]
    public void Tag_AfterField_ThrowsInvalidOperation()
    {
        _sut.Measurement("m").Field("v", 1L);

        Assert.Throws<InvalidOperationException>(() => _sut.Tag("k", "v"));
    }

    [Fact]
    public void Timestamp_WithoutField_ThrowsInvalidOperation()
    {
        _sut.Measurement("m").Tag("k", "v");

        Assert.Throws<InvalidOperationException>(() => _sut.Timestamp(T0));
    }
}
