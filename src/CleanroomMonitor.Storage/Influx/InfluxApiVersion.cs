namespace CleanroomMonitor.Storage.Influx;

/// <summary>Which InfluxDB write API the client uses.</summary>
public enum InfluxApiVersion
{
    /// <summary><c>POST /write?db=&amp;rp=</c> with optional basic authentication: InfluxDB 1.x, 2.x (v1 compatibility
    /// API with a DBRP mapping) and 3.x.</summary>
    V1,

    /// <summary><c>POST /api/v2/write?org=&amp;bucket=</c> with <c>Authorization: Token</c>: InfluxDB 2.x and 3.x.</summary>
    V2,
}
