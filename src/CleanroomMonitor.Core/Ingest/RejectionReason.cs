namespace CleanroomMonitor.Core.Ingest;

/// <summary>Why an incoming message or sample was refused. Every rejection is counted per reason and never stored.</summary>
public enum RejectionReason
{
    /// <summary>The payload is not valid JSON (or not the expected structure).</summary>
    MalformedPayload,

    /// <summary>The payload is larger than the configured maximum.</summary>
    OversizePayload,

    /// <summary>The topic is not one the facility maps to a sensor.</summary>
    UnknownTopic,

    /// <summary>The sensor id is not in the facility definition, or differs from the topic's sensor.</summary>
    UnknownSensor,

    /// <summary>A parameter the sensor is not configured to measure, or one the product does not know.</summary>
    UnknownParameter,

    /// <summary>A field of the wrong JSON type (text where a number belongs, a fractional count).</summary>
    WrongType,

    /// <summary>NaN or infinity.</summary>
    NotFinite,

    /// <summary>A negative particle count.</summary>
    NegativeCount,

    /// <summary>Particle counts without a positive sampled volume (a concentration cannot be computed).</summary>
    InvalidVolume,

    /// <summary>A value outside the physically possible range of its parameter (decoding garbage, not a GMP limit).</summary>
    OutOfRange,

    /// <summary>A timestamp further in the future than the allowed clock skew.</summary>
    TimestampInFuture,

    /// <summary>A timestamp older than the oldest data the service accepts.</summary>
    TimestampTooOld,

    /// <summary>A message with no values at all.</summary>
    Empty,

    /// <summary>Sparkplug: DATA, a device birth or a death from an edge node or device without a current birth.</summary>
    NotBorn,

    /// <summary>Sparkplug: a metric alias or name the edge node's birth did not declare.</summary>
    UnknownAlias,

    /// <summary>Sparkplug: a metric whose datatype differs from its birth, whose value does not fit its datatype, or a
    /// non-numeric metric mapped to a parameter.</summary>
    DatatypeMismatch,

    /// <summary>Sparkplug: a message repeating the previous message's <c>seq</c> (a duplicate delivery).</summary>
    DuplicateSequence,

    /// <summary>Sparkplug: an NDEATH whose <c>bdSeq</c> is not the current NBIRTH's (the will of an older connection).</summary>
    StaleDeath,

    /// <summary>A sample none of whose channels is left: each held a device fault value (a saturated register or a
    /// sentinel the device profile names, see <see cref="Readings.SampleFaults.Saturated"/>). Refused rather than
    /// stored empty, and counted apart from <see cref="Empty"/> so a failing device is visible.</summary>
    DeviceFault,

    /// <summary>A second reading of one sensor parameter at the same instant (to the millisecond) with a different value,
    /// count, volume or fault flags: the first one is kept (InfluxDB would let the second overwrite it), this one is
    /// refused, and a <c>DataConflict</c> excursion names both (issue 15). The same content again is a repeat, not this.</summary>
    ConflictingDuplicate,

    /// <summary>A MES batch message that was refused: no valid API token with the Operator or QA role, a rule the API
    /// applies too (known rooms, tenant, lease), or a start or end back-dated beyond <c>Mes:MaxBackdating</c>. The
    /// refusal is also published on the MES reply topic (docs/security.md).</summary>
    BatchRefused,
}
