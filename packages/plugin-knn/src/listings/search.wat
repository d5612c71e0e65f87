(module
  (import "env" "memory" (memory 1 65536 shared))
  (global $kth (mut f64) (f64.const 0))
  (global $filled (mut i32) (i32.const 0))
  (global $slot (mut i32) (i32.const 0))
  (global $nodes (mut i32) (i32.const 0))
  (global $root (mut i32) (i32.const 0))
  (global $first (mut i32) (i32.const 0))
  (global $members (mut i32) (i32.const 0))
  (global $rows (mut i32) (i32.const 0))
  (global $k (mut i32) (i32.const 0))
  (func $scan (export "scan") (param $slot i32) (param $from i32) (param $to i32) (param $threshold i32) (param $position i32) (result i32)
    (local $count i32)
    (local $bits i32)
    (local $at i32)
    (local $th v128)
    (local $cap v128)
    (local $t v128)
    (local $acc v128)
    (local $q0 v128)
    (local $q1 v128)
    (local $q2 v128)
    (local $q3 v128)
    (local $q4 v128)
    local.get $slot
    v128.load
    local.set $q0
    local.get $slot
    v128.load offset=16
    local.set $q1
    local.get $slot
    v128.load offset=32
    local.set $q2
    local.get $slot
    v128.load offset=48
    local.set $q3
    local.get $slot
    v128.load offset=64
    local.set $q4
    local.get $threshold
    i32x4.splat
    local.set $th
    i32.const 2147483647
    i32x4.splat
    local.set $cap
    block $blocks
      loop $block
        local.get $from
        local.get $to
        i32.ge_u
        br_if $blocks
        local.get $q0
        local.get $from
        v128.load
        i16x8.sub
        local.tee $t
        local.get $t
        i32x4.dot_i16x8_s
        local.get $q1
        local.get $from
        v128.load offset=16
        i16x8.sub
        local.tee $t
        local.get $t
        i32x4.dot_i16x8_s
        i32x4.add
        local.get $cap
        i32x4.min_u
        local.get $q2
        local.get $from
        v128.load offset=32
        i16x8.sub
        local.tee $t
        local.get $t
        i32x4.dot_i16x8_s
        local.get $q3
        local.get $from
        v128.load offset=48
        i16x8.sub
        local.tee $t
        local.get $t
        i32x4.dot_i16x8_s
        local.get $q4
        local.get $from
        v128.load offset=64
        i16x8.sub
        local.tee $t
        local.get $t
        i32x4.dot_i16x8_s
        i32x4.add
        local.get $cap
        i32x4.min_u
        i32x4.add
        local.get $cap
        i32x4.min_u
        i32x4.add
        local.get $cap
        i32x4.min_u
        local.tee $acc
        local.get $th
        i32x4.le_u
        i32x4.bitmask
        local.tee $bits
        if
          local.get $bits
          i32.const 1
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 3
            i32.shl
            i32.add
            local.tee $at
            local.get $position
            i32.const 0
            i32.add
            i32.store offset=80
            local.get $at
            local.get $acc
            i32x4.extract_lane 0
            i32.store offset=84
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 2
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 3
            i32.shl
            i32.add
            local.tee $at
            local.get $position
            i32.const 1
            i32.add
            i32.store offset=80
            local.get $at
            local.get $acc
            i32x4.extract_lane 1
            i32.store offset=84
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 4
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 3
            i32.shl
            i32.add
            local.tee $at
            local.get $position
            i32.const 2
            i32.add
            i32.store offset=80
            local.get $at
            local.get $acc
            i32x4.extract_lane 2
            i32.store offset=84
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 8
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 3
            i32.shl
            i32.add
            local.tee $at
            local.get $position
            i32.const 3
            i32.add
            i32.store offset=80
            local.get $at
            local.get $acc
            i32x4.extract_lane 3
            i32.store offset=84
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
        end
        local.get $position
        i32.const 4
        i32.add
        local.set $position
        local.get $from
        i32.const 80
        i32.add
        local.set $from
        br $block
      end $block
    end $blocks
    local.get $count
  )
  (func $distance (param $p i32) (result f64)
    (local $o i32)
    (local $d f64)
    (local $t f64)
    global.get $rows
    local.get $p
    i32.const 2
    i32.shr_u
    i32.const 80
    i32.mul
    i32.add
    local.get $p
    i32.const 3
    i32.and
    i32.const 2
    i32.shl
    i32.add
    local.set $o
    f64.const 0
    local.set $d
    global.get $slot
    f64.load offset=1112
    local.get $o
    i32.load16_s
    f64.convert_i32_s
    f64.sub
    local.tee $t
    local.get $t
    f64.mul
    local.get $d
    f64.add
    local.set $d
    global.get $slot
    f64.load offset=1120
    local.get $o
    i32.load16_s offset=2
    f64.convert_i32_s
    f64.sub
    local.tee $t
    local.get $t
    f64.mul
    local.get $d
    f64.add
    local.set $d
    global.get $slot
    f64.load offset=1128
    local.get $o
    i32.load16_s offset=16
    f64.convert_i32_s
    f64.sub
    local.tee $t
    local.get $t
    f64.mul
    local.get $d
    f64.add
    local.set $d
    global.get $slot
    f64.load offset=1136
    local.get $o
    i32.load16_s offset=18
    f64.convert_i32_s
    f64.sub
    local.tee $t
    local.get $t
    f64.mul
    local.get $d
    f64.add
    local.set $d
    global.get $slot
    f64.load offset=1144
    local.get $o
    i32.load16_s offset=32
    f64.convert_i32_s
    f64.sub
    local.tee $t
    local.get $t
    f64.mul
    local.get $d
    f64.add
    local.set $d
    global.get $slot
    f64.load offset=1152
    local.get $o
    i32.load16_s offset=34
    f64.convert_i32_s
    f64.sub
    local.tee $t
    local.get $t
    f64.mul
    local.get $d
    f64.add
    local.set $d
    global.get $slot
    f64.load offset=1160
    local.get $o
    i32.load16_s offset=48
    f64.convert_i32_s
    f64.sub
    local.tee $t
    local.get $t
    f64.mul
    local.get $d
    f64.add
    local.set $d
    global.get $slot
    f64.load offset=1168
    local.get $o
    i32.load16_s offset=50
    f64.convert_i32_s
    f64.sub
    local.tee $t
    local.get $t
    f64.mul
    local.get $d
    f64.add
    local.set $d
    global.get $slot
    f64.load offset=1176
    local.get $o
    i32.load16_s offset=64
    f64.convert_i32_s
    f64.sub
    local.tee $t
    local.get $t
    f64.mul
    local.get $d
    f64.add
    local.set $d
    local.get $d
  )
  (func $insert (param $d f64) (param $idx i32) (result i32)
    (local $p i32)
    (local $bd i32)
    (local $bi i32)
    (local $k i32)
    (local $t f64)
    global.get $slot
    i32.const 1328
    i32.add
    local.set $bd
    global.get $slot
    i32.const 3376
    i32.add
    local.set $bi
    global.get $k
    local.set $k
    global.get $filled
    local.get $k
    i32.lt_s
    if
      global.get $filled
      local.set $p
      global.get $filled
      i32.const 1
      i32.add
      global.set $filled
    else
      local.get $bd
      local.get $k
      i32.const 1
      i32.sub
      i32.const 3
      i32.shl
      i32.add
      f64.load
      local.set $t
      local.get $d
      local.get $t
      f64.gt
      if
        i32.const 0
        return
      end
      local.get $d
      local.get $t
      f64.eq
      local.get $idx
      local.get $bi
      local.get $k
      i32.const 1
      i32.sub
      i32.const 2
      i32.shl
      i32.add
      i32.load
      i32.gt_s
      i32.and
      if
        i32.const 0
        return
      end
      local.get $k
      i32.const 1
      i32.sub
      local.set $p
    end
    block $placed
      loop $shift
        local.get $p
        i32.const 0
        i32.le_s
        br_if $placed
        local.get $bd
        local.get $p
        i32.const 1
        i32.sub
        i32.const 3
        i32.shl
        i32.add
        f64.load
        local.tee $t
        local.get $d
        f64.gt
        local.get $t
        local.get $d
        f64.eq
        local.get $bi
        local.get $p
        i32.const 1
        i32.sub
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.get $idx
        i32.gt_s
        i32.and
        i32.or
        i32.eqz
        br_if $placed
        local.get $bd
        local.get $p
        i32.const 3
        i32.shl
        i32.add
        local.get $t
        f64.store
        local.get $bi
        local.get $p
        i32.const 2
        i32.shl
        i32.add
        local.get $bi
        local.get $p
        i32.const 1
        i32.sub
        i32.const 2
        i32.shl
        i32.add
        i32.load
        i32.store
        local.get $p
        i32.const 1
        i32.sub
        local.set $p
        br $shift
      end $shift
    end $placed
    local.get $bd
    local.get $p
    i32.const 3
    i32.shl
    i32.add
    local.get $d
    f64.store
    local.get $bi
    local.get $p
    i32.const 2
    i32.shl
    i32.add
    local.get $idx
    i32.store
    global.get $filled
    local.get $k
    i32.eq
    if
      local.get $bd
      local.get $k
      i32.const 1
      i32.sub
      i32.const 3
      i32.shl
      i32.add
      f64.load
      global.set $kth
    end
    i32.const 1
  )
  (func $leaf (param $node i32)
    (local $d f64)
    (local $from i32)
    (local $to i32)
    (local $n i32)
    (local $i i32)
    (local $p i32)
    (local $at i32)
    (local $s i32)
    (local $m i32)
    (local $e i32)
    global.get $nodes
    local.get $node
    i32.const 6
    i32.shl
    i32.add
    i32.load offset=12
    local.set $from
    global.get $nodes
    local.get $node
    i32.const 6
    i32.shl
    i32.add
    i32.load offset=16
    local.set $to
    global.get $slot
    global.get $rows
    local.get $from
    i32.const 2
    i32.shr_u
    i32.const 80
    i32.mul
    i32.add
    global.get $rows
    local.get $to
    i32.const 3
    i32.add
    i32.const 2
    i32.shr_u
    i32.const 80
    i32.mul
    i32.add
    global.get $kth
    f64.const 4294967295
    f64.min
    i32.trunc_f64_u
    i32.const -1
    global.get $kth
    f64.const 2147483647
    f64.lt
    select
    local.get $from
    call $scan
    local.set $n
    i32.const 0
    local.set $i
    block $survivors
      loop $survivor
        local.get $i
        local.get $n
        i32.ge_s
        br_if $survivors
        global.get $slot
        local.get $i
        i32.const 3
        i32.shl
        i32.add
        local.set $at
        local.get $at
        i32.load offset=80
        local.set $p
        local.get $at
        i32.load offset=84
        local.set $s
        local.get $s
        i32.const 2147483647
        i32.lt_u
        global.get $slot
        i32.load offset=1104
        i32.and
        if
          local.get $s
          f64.convert_i32_s
          local.set $d
        else
          local.get $p
          call $distance
          local.set $d
        end
        local.get $d
        global.get $kth
        f64.le
        if
          global.get $first
          local.get $p
          i32.const 2
          i32.shl
          i32.add
          i32.load
          local.set $m
          global.get $first
          local.get $p
          i32.const 2
          i32.shl
          i32.add
          i32.load offset=4
          local.set $e
          block $members
            loop $member
              local.get $m
              local.get $e
              i32.ge_s
              br_if $members
              local.get $d
              global.get $members
              local.get $m
              i32.const 2
              i32.shl
              i32.add
              i32.load
              call $insert
              i32.eqz
              br_if $members
              local.get $m
              i32.const 1
              i32.add
              local.set $m
              br $member
            end $member
          end $members
        end
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $survivor
      end $survivor
    end $survivors
  )
  (func $visit (param $node i32) (param $bound f64)
    (local $l i32)
    (local $r i32)
    (local $a i32)
    (local $offp i32)
    (local $v f64)
    (local $old f64)
    (local $base f64)
    (local $gl f64)
    (local $gr f64)
    (local $bl f64)
    (local $br f64)
    global.get $nodes
    local.get $node
    i32.const 6
    i32.shl
    i32.add
    i32.load
    local.tee $l
    i32.const 0
    i32.lt_s
    if
      local.get $node
      call $leaf
      return
    end
    global.get $nodes
    local.get $node
    i32.const 6
    i32.shl
    i32.add
    i32.load offset=4
    local.set $r
    global.get $nodes
    local.get $node
    i32.const 6
    i32.shl
    i32.add
    i32.load offset=8
    local.set $a
    global.get $slot
    local.get $a
    i32.const 3
    i32.shl
    i32.add
    f64.load offset=1184
    local.set $v
    global.get $slot
    local.get $a
    i32.const 3
    i32.shl
    i32.add
    i32.const 1256
    i32.add
    local.set $offp
    local.get $offp
    f64.load
    local.set $old
    local.get $bound
    local.get $old
    local.get $old
    f64.mul
    f64.sub
    local.set $base
    global.get $nodes
    local.get $node
    i32.const 6
    i32.shl
    i32.add
    f64.load offset=24
    local.get $v
    f64.sub
    local.get $v
    global.get $nodes
    local.get $node
    i32.const 6
    i32.shl
    i32.add
    f64.load offset=32
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $gl
    global.get $nodes
    local.get $node
    i32.const 6
    i32.shl
    i32.add
    f64.load offset=40
    local.get $v
    f64.sub
    local.get $v
    global.get $nodes
    local.get $node
    i32.const 6
    i32.shl
    i32.add
    f64.load offset=48
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $gr
    local.get $base
    local.get $gl
    local.get $gl
    f64.mul
    f64.add
    local.set $bl
    local.get $base
    local.get $gr
    local.get $gr
    f64.mul
    f64.add
    local.set $br
    local.get $bl
    local.get $br
    f64.le
    if
      local.get $bl
      global.get $kth
      f64.const 0.5
      f64.add
      f64.le
      if
        local.get $offp
        local.get $gl
        f64.store
        local.get $l
        local.get $bl
        call $visit
      end
      local.get $br
      global.get $kth
      f64.const 0.5
      f64.add
      f64.le
      if
        local.get $offp
        local.get $gr
        f64.store
        local.get $r
        local.get $br
        call $visit
      end
    else
      local.get $br
      global.get $kth
      f64.const 0.5
      f64.add
      f64.le
      if
        local.get $offp
        local.get $gr
        f64.store
        local.get $r
        local.get $br
        call $visit
      end
      local.get $bl
      global.get $kth
      f64.const 0.5
      f64.add
      f64.le
      if
        local.get $offp
        local.get $gl
        f64.store
        local.get $l
        local.get $bl
        call $visit
      end
    end
    local.get $offp
    local.get $old
    f64.store
  )
  (func $search (export "search") (param $slot i32)
    (local $bound f64)
    (local $v f64)
    (local $o f64)
    local.get $slot
    global.set $slot
    i32.const 0
    global.set $filled
    f64.const inf
    global.set $kth
    f64.const 0
    local.set $bound
    local.get $slot
    f64.load offset=1184
    local.set $v
    global.get $root
    f64.load
    local.get $v
    f64.sub
    local.get $v
    global.get $root
    f64.load offset=8
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=1256
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=1192
    local.set $v
    global.get $root
    f64.load offset=16
    local.get $v
    f64.sub
    local.get $v
    global.get $root
    f64.load offset=24
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=1264
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=1200
    local.set $v
    global.get $root
    f64.load offset=32
    local.get $v
    f64.sub
    local.get $v
    global.get $root
    f64.load offset=40
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=1272
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=1208
    local.set $v
    global.get $root
    f64.load offset=48
    local.get $v
    f64.sub
    local.get $v
    global.get $root
    f64.load offset=56
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=1280
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=1216
    local.set $v
    global.get $root
    f64.load offset=64
    local.get $v
    f64.sub
    local.get $v
    global.get $root
    f64.load offset=72
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=1288
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=1224
    local.set $v
    global.get $root
    f64.load offset=80
    local.get $v
    f64.sub
    local.get $v
    global.get $root
    f64.load offset=88
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=1296
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=1232
    local.set $v
    global.get $root
    f64.load offset=96
    local.get $v
    f64.sub
    local.get $v
    global.get $root
    f64.load offset=104
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=1304
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=1240
    local.set $v
    global.get $root
    f64.load offset=112
    local.get $v
    f64.sub
    local.get $v
    global.get $root
    f64.load offset=120
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=1312
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=1248
    local.set $v
    global.get $root
    f64.load offset=128
    local.get $v
    f64.sub
    local.get $v
    global.get $root
    f64.load offset=136
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=1320
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    i32.const 0
    local.get $bound
    call $visit
  )
  (func $setup (export "setup") (param $nodes i32) (param $root i32) (param $first i32) (param $members i32) (param $rows i32) (param $k i32)
    local.get $nodes
    global.set $nodes
    local.get $root
    global.set $root
    local.get $first
    global.set $first
    local.get $members
    global.set $members
    local.get $rows
    global.set $rows
    local.get $k
    global.set $k
  )
)
