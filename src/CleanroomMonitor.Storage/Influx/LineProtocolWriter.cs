using System.Buffers;
using System.Globalization;
using System.Text;

namespace CleanroomMonitor.Storage.Influx;

/// <summary>
/// Writes InfluxDB line protocol as UTF-8 into an <see cref="IBufferWriter{T}"/> without intermediate strings:
/// <c>writer.Measurement("m").Tag("room", "B 1").Field("value", 3.5).Timestamp(t)</c>. Several points are separated by
/// <c>\n</c>; no newline follows the last one, so one point is exactly one line-protocol record.
/// </summary>
/// <remarks>
/// <para>Escaping follows what InfluxDB 1.6 parses (checked against a real server): measurement: comma and space;
/// tag keys, tag values and field keys: comma, equals sign and space; string field values: double quote and
/// backslash. Tags are written in the caller's order; InfluxDB sorts them itself (sorted input saves it that work).</para>
/// <para>Refused with <see cref="ArgumentException"/>: empty names and tag values, line breaks in names, a name
/// starting with <c>#</c> (a comment line), a backslash at the end of a name or before a character that needs
/// escaping (InfluxDB 1.x reads it as an escape and cannot store it), NaN and ±Infinity, and invalid UTF-16.
/// After an exception the current line is incomplete: discard the output.</para>
/// <para>A timestamp is required on every point: a point stamped by the server would be duplicated by a retry,
/// one with its own timestamp is overwritten, which makes redelivery from the durable buffer harmless.</para>
/// </remarks>
public sealed class LineProtocolWriter(IBufferWriter<byte> output)
{
    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", ");
    private static readonly SearchValues<char> KeySpecials = SearchValues.Create(",= ");
    private static readonly SearchValues<char> StringSpecials = SearchValues.Create("\"\\");
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private State _state = State.Idle;
    private bool _hasLines;

    private enum State
    {
        Idle,
        Tags,
        Fields,
    }

    /// <summary>Starts a point.</summary>
    public LineProtocolWriter Measurement(string name)
    {
        if (_state != State.Idle)
        {
            throw new InvalidOperationException("The previous point has no timestamp yet.");
        }
        ValidateName(name, MeasurementSpecials, nameof(name));
        if (name[0] == '#')
        {
            throw new ArgumentException($"Measurement '{name}' starts with '#', which line protocol reads as a comment.", nameof(name));
        }
        if (_hasLines)
        {
            WriteByte((byte)'\n');
        }
        WriteEscaped(name, MeasurementSpecials);
        _state = State.Tags;
        return this;
    }

    /// <summary>Adds a tag (indexed, string-valued). Tags come before fields.</summary>
    public LineProtocolWriter Tag(string key, string value)
    {
        if (_state != State.Tags)
        {
            throw new InvalidOperationException("Tags go after the measurement and before the fields.");
        }
        ValidateName(key, KeySpecials, nameof(key));
        ValidateName(value, KeySpecials, nameof(value));
        WriteByte((byte)',');
        WriteEscaped(key, KeySpecials);
        WriteByte((byte)'=');
        WriteEscaped(value, KeySpecials);
        return this;
    }

    /// <summary>Adds a float field, printed round-trip ("R", invariant culture), e.g. <c>0.1</c>, <c>1E+20</c>.</summary>
    public LineProtocolWriter Field(string key, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Field '{key}' is {value.ToString(CultureInfo.InvariantCulture)}; InfluxDB stores only finite numbers.", nameof(value));
        }
        StartField(key);
        var span = output.GetSpan(32);
        if (!value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A double did not fit in 32 bytes.");
        }
        output.Advance(written);
        return this;
    }

    /// <summary>Adds an integer field (<c>123i</c>).</summary>
    public LineProtocolWriter Field(string key, long value)
    {
        StartField(key);
        var span = output.GetSpan(21);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        span[written] = (byte)'i';
        output.Advance(written + 1);
        return this;
    }

    /// <summary>Adds a boolean field (<c>true</c>/<c>false</c>).</summary>
    public LineProtocolWriter Field(string key, bool value)
    {
        StartField(key);
        WriteAscii(value ? "true"u8 : "false"u8);
        return this;
    }

    /// <summary>Adds a string field, quoted; line breaks are kept (InfluxDB 1.6 accepts them inside quotes).</summary>
    public LineProtocolWriter Field(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StartField(key);
        WriteByte((byte)'"');
        WriteEscaped(value, StringSpecials);
        WriteByte((byte)'"');
        return this;
    }

    /// <summary>Ends the point with its timestamp in Unix milliseconds (write with <c>precision=ms</c>).</summary>
    public void Timestamp(DateTimeOffset timestamp)
    {
        if (_state != State.Fields)
        {
            throw new InvalidOperationException("A point needs a measurement and at least one field before its timestamp.");
        }
        var span = output.GetSpan(21);
        span[0] = (byte)' ';
        timestamp.ToUnixTimeMilliseconds().TryFormat(span[1..], out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written + 1);
        _state = State.Idle;
        _hasLines = true;
    }

    private static void ValidateName(string name, SearchValues<char> specials, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameterName);
        if (name.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            throw new ArgumentException($"'{name.ReplaceLineEndings(" ")}' contains a line break, which ends a line-protocol line.", parameterName);
        }
        for (var i = name.IndexOf('\\'); i >= 0; i = name.IndexOf('\\', i + 1))
        {
            if (i == name.Length - 1 || specials.Contains(name[i + 1]))
            {
                throw new ArgumentException($"'{name}' has a backslash at its end or before '{(i + 1 < name.Length ? name[i + 1] : ' ')}'; InfluxDB 1.x reads it as an escape and cannot store it.", parameterName);
            }
        }
    }

    private void StartField(string key)
    {
        if (_state == State.Idle)
        {
            throw new InvalidOperationException("Fields go after the measurement.");
        }
        ValidateName(key, KeySpecials, nameof(key));
        WriteByte(_state == State.Tags ? (byte)' ' : (byte)',');
        WriteEscaped(key, KeySpecials);
        WriteByte((byte)'=');
        _state = State.Fields;
    }

    private void WriteEscaped(ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        while (!text.IsEmpty)
        {
            var index = text.IndexOfAny(specials);
            var run = index < 0 ? text : text[..index];
            if (!run.IsEmpty)
            {
                var span = output.GetSpan(StrictUtf8.GetMaxByteCount(run.Length));
                output.Advance(StrictUtf8.GetBytes(run, span));
            }
            if (index < 0)
            {
                return;
            }
            var escape = output.GetSpan(2);
            escape[0] = (byte)'\\';
            escape[1] = (byte)text[index];   // every special character is ASCII
            output.Advance(2);
            text = text[(index + 1)..];
        }
    }

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private void WriteAscii(ReadOnlySpan<byte> value)
    {
        value.CopyTo(output.GetSpan(value.Length));
        output.Advance(value.Length);
    }
}
