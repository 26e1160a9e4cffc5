namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>A metric's value as it was on the wire: which oneof member, and its content. Integers keep their raw
/// unsigned bits (<see cref="Bits"/>); the metric's datatype says how to read them.</summary>
public readonly record struct SparkplugValue(SparkplugValueKind Kind, ulong Bits = 0, double Real = 0, bool Boolean = false, string? Text = null)
{
    public static SparkplugValue None => default;

    public static SparkplugValue OfInt(uint value) => new(SparkplugValueKind.Int, Bits: value);

    /// <summary>Int8/Int16/Int32 ride in <c>int_value</c> as two's complement (Sparkplug 3.0 §6.4.16).</summary>
    public static SparkplugValue OfSignedInt(int value) => new(SparkplugValueKind.Int, Bits: unchecked((uint)value));

    public static SparkplugValue OfLong(ulong value) => new(SparkplugValueKind.Long, Bits: value);

    public static SparkplugValue OfSignedLong(long value) => new(SparkplugValueKind.Long, Bits: unchecked((ulong)value));

    public static SparkplugValue OfFloat(float value) => new(SparkplugValueKind.Float, Real: value);

    public static SparkplugValue OfDouble(double value) => new(SparkplugValueKind.Double, Real: value);

    public static SparkplugValue OfBoolean(bool value) => new(SparkplugValueKind.Boolean, Boolean: value);

    public static SparkplugValue OfString(string value) => new(SparkplugValueKind.String, Text: value);
}
