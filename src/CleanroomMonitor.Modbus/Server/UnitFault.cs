namespace CleanroomMonitor.Modbus.Server;

/// <summary>Misbehaviour a served unit can be told to show, so tests and simulators can play the bad inputs a poller
/// meets in the field (issue "Bad input"): the poller must count, log and survive each of them.</summary>
public enum UnitFault
{
    /// <summary>Answers correctly.</summary>
    None,

    /// <summary>Never answers (a dead device behind a gateway): the client times out.</summary>
    Silent,

    /// <summary>Answers every request with the Modbus exception <see cref="ModbusUnit.FaultExceptionCode"/>.</summary>
    ExceptionResponse,

    /// <summary>Answers with random bytes.</summary>
    Garbage,

    /// <summary>Sends only the first half of a correct answer.</summary>
    Truncated,

    /// <summary>Sends a correct answer under another unit id.</summary>
    WrongUnitId,

    /// <summary>RTU: a correct answer with a wrong CRC (TCP: like <see cref="Garbage"/>).</summary>
    BadCrc,

    /// <summary>Closes the connection instead of answering (TCP; RTU: like <see cref="Silent"/>).</summary>
    CloseConnection,
}
